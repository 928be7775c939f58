import { expect, expectNoSeriousA11yViolations, signInAsDemo, test } from "./fixtures.ts";

// The demo organization and the sample platform pool that `npm start` seeds: forty generated
// organizations. Their numbers are generated, so this checks what is shown and how it is
// labelled; integration tests prove the statistics by hand.
test.describe.configure({ mode: "serial" });

const SERIES = "Benchmark median (platform pool of sample data, all organizations)";

test("the demo's 2026 baseline is benchmarked against the sample pool, and a small segment is withheld", async ({ page }) => {
  test.slow(); // axe scans of the longest page
  await signInAsDemo(page);
  await page.goto("/orgs/demo/assessments");
  await page.getByRole("link", { name: "KAM maturity baseline 2026 (sample data)" }).click();
  await page.getByRole("link", { name: "Results" }).click();

  const profile = page.getByRole("region", { name: "Profile against target and best practice" });
  await expect(profile.getByRole("checkbox", { name: SERIES })).toBeChecked();
  await expect(profile.getByRole("checkbox")).toHaveCount(4);
  await expect(profile.getByRole("columnheader", { name: "Benchmark median (sample data)" })).toBeVisible();
  const column = page.getByRole("columnheader", { name: "Benchmark (sample data): median (IQR), rank" });
  await expect(column).toBeVisible();
  const dimensions = page.getByRole("table").filter({ has: column });
  await expect(dimensions.getByRole("row", { name: /^Key account selection/ }).getByRole("cell").last()).toHaveText(/^\d\.\d \(\d\.\d–\d\.\d\), \d+(st|nd|rd|th) percentile$/);
  const summary = page.getByRole("region", { name: "Summary" });
  await expect(summary.getByText("Benchmark index (median)")).toBeVisible();
  await expect(summary.getByText(/^platform pool of sample data, all organizations, n = \d+$/)).toBeVisible();

  const benchmark = page.getByRole("region", { name: "Benchmark", exact: true });
  await benchmark.getByLabel("Industry").selectOption("Manufacturing");
  await benchmark.getByRole("button", { name: "Show benchmark" }).click();
  await expect(page).toHaveURL(/industry=Manufacturing/);
  await expect(profile.getByRole("checkbox", { name: "Benchmark median (platform pool of sample data, Manufacturing)" })).toBeChecked();
  await expect(page.getByRole("link", { name: "Board report (PDF)" })).toHaveAttribute("href", /report\.pdf\?industry=Manufacturing$/);

  await benchmark.getByLabel("Industry").selectOption("Other");
  await benchmark.getByLabel("Size (employees)").selectOption("1–49");
  await benchmark.getByLabel("Region").selectOption("Global");
  await benchmark.getByRole("button", { name: "Show benchmark" }).click();
  await expect(benchmark.getByRole("status")).toHaveText(
    "No benchmark for Other · 1–49 employees · Global in the platform pool of sample data: needs 5 independent organizations in this segment; 0 so far.",
  );
  await expect(summary.getByText("needs 5 independent organizations in this segment; 0 so far")).toBeVisible();
  await expect(profile.getByRole("checkbox")).toHaveCount(3);
  await expect(column).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(page.url().replace(/\?.*$/, ""));
  await expect(profile.getByRole("checkbox", { name: SERIES })).toBeChecked();
  await expectNoSeriousA11yViolations(page);
});

test("the owner sees what the platform pool shares and can leave and rejoin it", async ({ page }) => {
  test.slow();
  await signInAsDemo(page);
  await page.goto("/orgs/demo/settings");
  const pool = page.getByRole("region", { name: "Platform benchmark pool" });
  await expect(pool.getByText("Never shared:")).toBeVisible();
  await expect(pool.getByText("This organization is in the platform pool.")).toBeVisible();
  await pool.getByRole("button", { name: "Leave the platform pool" }).click();
  await expect(pool.getByRole("status")).toHaveText("This organization's results were removed from the platform pool.");
  await expect(pool.getByText("This organization is not in the platform pool.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await pool.getByRole("button", { name: "Join the platform pool" }).click();
  await expect(pool.getByText("This organization is in the platform pool.")).toBeVisible();
});
