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

  await page.goto(`${orgPath}/assessments/new`);
  await page.getByLabel("Title").fill("No script check");
  await page.getByRole("button", { name: "Create assessment" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Nina Plain");
  await page.getByLabel("Email (optional)").fill("nina@example.com");
  await page.getByLabel("Function", { exact: true }).selectOption("sales");
  await page.getByRole("button", { name: "Add and create link" }).click();
  await expect(page.getByRole("textbox", { name: "Link for Nina Plain" })).toHaveValue(/\/a\//);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");
  await page.getByLabel("One person per line").fill("Nina P., NINA@example.com, Sales");
  await page.getByRole("button", { name: "Add all" }).click();
  await expect(page.getByText("Already added: nina@example.com.").first()).toBeVisible();
  await expect(page.getByLabel("One person per line")).toHaveValue("Nina P., NINA@example.com, Sales");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
});
