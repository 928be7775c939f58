import type { Browser, Page } from "@playwright/test";
import { expect, test, uniqueEmail, type AccountFixtures } from "./fixtures.ts";

/** Opens an assessment with one respondent and returns that respondent's first questions page. */
async function respondentPage(page: Page, browser: Browser, signedInOwner: AccountFixtures["signedInOwner"], label: string) {
  const { orgPath } = await signedInOwner({ name: "Olga Outbox", email: uniqueEmail("outbox"), organization: `Outbox Checks ${label}` });
  await page.goto(orgPath);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Assessments" }).click();
  await page.getByRole("link", { name: "New assessment" }).click();
  await page.getByLabel("Title").fill("Outbox check");
  await page.getByLabel("Questionnaire").selectOption({ label: "KAM readiness check 1.0.0" });
  await page.getByRole("button", { name: "Create assessment" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Rita Refused");
  await page.getByLabel("Function", { exact: true }).selectOption("sales");
  await page.getByRole("button", { name: "Add and create link" }).click();
  const link = await page.getByRole("textbox", { name: "Link for Rita Refused" }).inputValue();
  await page.getByRole("button", { name: "Open for answers" }).click();
  await expect(page.getByText("The assessment is open")).toBeVisible();

  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.212.0.1" } });
  const rita = await context.newPage();
  await rita.goto(link);
  await rita.getByRole("link", { name: "Start" }).click();
  await expect(rita.getByText("Answers are saved as you choose them.")).toBeVisible();
  return { context, rita, groups: rita.locator("fieldset.question") };
}

test("a refused save drops only what it sent: an answer chosen while it was on its way is still saved", async ({ page, browser, signedInOwner }) => {
  test.setTimeout(90_000);
  const { context, rita, groups } = await respondentPage(page, browser, signedInOwner, "Co");

  // The first save is held on its way; meanwhile a second answer is chosen; then the first is refused.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await rita.route("**/answers", async (route) => {
    await held;
    await route.fulfill({ status: 400, contentType: "application/json", body: '{"error":{"code":"invalid","message":"Refused for the test."}}' });
  });
  await groups.nth(0).locator('input[value="2"]').check();
  await groups.nth(1).locator('input[value="5"]').check();
  const refused = rita.waitForResponse((response) => response.url().endsWith("/answers") && response.status() === 400);
  release();
  await refused;
  await rita.unrouteAll();

  // The next flush (the 5-second retry) sends the second answer for real.
  await expect(rita.getByText("All answers saved.")).toBeVisible({ timeout: 15_000 });
  await rita.reload();
  await expect(groups.nth(1).locator('input[value="5"]')).toBeChecked();
  await expect(groups.nth(0).locator('input[value="2"]')).not.toBeChecked();
  await context.close();
});

test("a save answered 503 stays in the outbox, says it will retry, and the next attempt saves it", async ({ page, browser, signedInOwner }) => {
  test.setTimeout(90_000);
  const { context, rita, groups } = await respondentPage(page, browser, signedInOwner, "Outage");
  // The database did not answer: what the answers endpoint says when its second try is lost too.
  await rita.route("**/answers", (route) =>
    route.fulfill({
      status: 503,
      headers: { "Retry-After": "2" },
      contentType: "application/json",
      body: '{"error":{"code":"unavailable","message":"The database did not answer."}}',
    }),
  );
  const unavailable = rita.waitForResponse((response) => response.url().endsWith("/answers") && response.status() === 503);
  await groups.nth(0).locator('input[value="4"]').check();
  await unavailable;
  await expect(rita.getByText("Not saved yet: will retry in a moment.")).toBeVisible();
  await rita.unrouteAll();

  await expect(rita.getByText("All answers saved.")).toBeVisible({ timeout: 15_000 });
  expect(await rita.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("kam-autosave:")))).toEqual([]);
  await rita.reload();
  await expect(groups.nth(0).locator('input[value="4"]')).toBeChecked();
  await context.close();
});
