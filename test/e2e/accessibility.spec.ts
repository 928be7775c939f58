import { createOrganization, expect, expectNoSeriousA11yViolations, test, uniqueEmail } from "./fixtures.ts";

test("public pages have no serious accessibility violations", async ({ page }) => {
  for (const path of ["/", "/signin", "/signin?checkEmail=1", "/signup", "/forgot-password", "/reset-password/not-a-real-token", "/confirm-email/not-a-real-token", "/invite/not-a-real-token", "/no-such-page"]) {
    await page.goto(path);
    await expectNoSeriousA11yViolations(page);
  }
  await page.goto("/signup");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("signed-in pages have no serious accessibility violations", async ({ page, signedInUser }) => {
  test.slow(); // one axe scan per page, many pages
  await signedInUser({ name: "Axe Tester", email: uniqueEmail("axe") });
  await page.goto("/orgs");
  await expectNoSeriousA11yViolations(page);
  await page.goto("/orgs/new");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByText("Choose an industry.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const orgPath = await createOrganization(page, "Axe Scan Org");
  await expectNoSeriousA11yViolations(page);
  for (const suffix of ["/members", "/settings"]) {
    await page.goto(`${orgPath}${suffix}`);
    await expectNoSeriousA11yViolations(page);
  }
  await page.goto(`${orgPath}/members`);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByLabel(/Invitation link/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const link = await page.getByLabel(/Invitation link/).inputValue();
  await page.goto(link);
  await expectNoSeriousA11yViolations(page);

  await page.goto("/account");
  await expectNoSeriousA11yViolations(page);
});
