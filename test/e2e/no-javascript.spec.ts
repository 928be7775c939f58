import { createOrganization, expect, signUp, test, uniqueEmail } from "./fixtures.ts";

test.use({ javaScriptEnabled: false });

test("without JavaScript, the forms post and move on", async ({ page }) => {
  await page.goto("/signup");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();

  await signUp(page, "Nora NoScript", uniqueEmail("noscript"));
  const orgPath = await createOrganization(page, "No Script Org");
  await page.goto(`${orgPath}/members`);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByLabel(/Invitation link/)).toHaveValue(/\/invite\//);
  await expect(page.getByRole("button", { name: "Copy link" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
});
