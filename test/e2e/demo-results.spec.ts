import { readFileSync } from "node:fs";
import { expect, expectNoSeriousA11yViolations, signInAsDemo, test } from "./fixtures.ts";

// The demo organization a new user meets after `npm start`: two closed baselines a year apart
// and an open pulse. Its numbers are generated, so this checks what is shown, not the values
// (integration tests prove those by hand).
test("the demo's latest baseline shows its change since last year and downloads its report", async ({ page }) => {
  test.slow(); // axe scans of the longest page, twice
  await signInAsDemo(page);
  await page.goto("/orgs/demo/assessments");
  await page.getByRole("link", { name: "KAM maturity baseline 2026 (sample data)" }).click();
  await page.getByRole("link", { name: "Results" }).click();

  const change = page.getByRole("region", { name: "Change over time" });
  await expect(change.getByText("Since KAM maturity baseline 2025 (sample data)")).toBeVisible();
  const table = change.getByRole("region", { name: "Scores over time and change since the previous assessment" });
  await expect(table.getByRole("columnheader")).toHaveCount(1 + 2 + 1);
  await expect(table.getByRole("row")).toHaveCount(1 + 1 + 11); // header, index, dimensions
  await expect(table.getByRole("row", { name: /^Maturity index/ }).getByRole("cell").last()).toHaveText(/^[+−±]\d\.\d$/);
  await expect(change.getByRole("img", { name: /line chart/ })).toBeVisible();
  // Hiding a series is one key press away.
  const indexToggle = change.getByRole("checkbox", { name: "Maturity index" });
  await indexToggle.focus();
  await page.keyboard.press("Space");
  await expect(indexToggle).not.toBeChecked();
  await expectNoSeriousA11yViolations(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Board report (PDF)" }).click();
  const pdf = readFileSync((await (await download).path())!);
  // Title, summary, profile, perception, the demo's roadmap (generated from this baseline), 11 dimensions, methods.
  expect(pdf.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(17);

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(change.getByRole("img", { name: /line chart/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
