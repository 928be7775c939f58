import { expect, expectNoSeriousA11yViolations, signInAsDemo, test } from "./fixtures.ts";

// The demo a new user meets: a roadmap some months in, and a closed baseline to plan from.
test("the demo roadmap shows its timeline, board and overdue items; a new plan is previewed and accepted", async ({ page }) => {
  test.slow(); // several long pages, each scanned
  await signInAsDemo(page);
  await page.goto("/orgs/demo");
  await page.getByRole("link", { name: "Roadmap", exact: true }).click();
  await page.getByRole("link", { name: "KAM transformation 2026 (sample data)" }).click();

  await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
  await expect(page.getByRole("figure", { name: /^Timeline of \d+ initiatives/ })).toBeVisible();
  await expect(page.getByText(/current phase: Knowledge/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: "Board", exact: true }).click();
  for (const column of ["Not started", "In progress", "Done", "Blocked"]) {
    await expect(page.getByRole("region", { name: new RegExp(`^${column}`) })).toBeVisible();
  }
  await expect(page.getByRole("region", { name: /^Blocked/ }).getByText(/blocked: Waiting for the CRM licence budget/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: "List", exact: true }).click();
  await page.getByLabel("Show").selectOption("overdue");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText(/^\d+ of \d+ items$/)).not.toHaveText(/^0 of/);
  await expect(page.locator("tr.is-overdue").first()).toBeVisible();

  // A second plan from the same baseline, with more initiatives at once.
  await page.getByRole("link", { name: "Roadmaps", exact: true }).click();
  await page.getByRole("link", { name: "Generate a roadmap" }).click();
  await page.getByLabel("From the results of").selectOption({ label: "KAM maturity baseline 2026 (sample data)" });
  await page.getByLabel("Initiatives at once").fill("5");
  await page.getByRole("button", { name: "Update the preview" }).click();
  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible();
  await expect(page.getByText(/^Knowledge: 5 initiatives/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Roadmap title").fill("Faster plan (e2e)");
  await page.getByRole("button", { name: "Accept this plan" }).click();
  await expect(page.getByRole("heading", { name: "Faster plan (e2e)" })).toBeVisible();
  await expect(page.getByText(/up to 5 initiatives at once/)).toBeVisible();
  // The current-state analysis is done at generation, with the assessment as evidence.
  await expect(page.getByText(/^1 of \d+ milestones done/)).toBeVisible();
});
