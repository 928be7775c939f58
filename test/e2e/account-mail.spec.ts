import { expect, PASSWORD, signUp, test, uniqueEmail } from "./fixtures.ts";
import { linksIn, mailsFor } from "./mail.ts";

/** The link of the mail with this subject among the first `count` to the address. */
async function linkInMail(address: string, subject: string, count: number) {
  const mail = (await mailsFor(address, count)).find((m) => m.subject === subject);
  expect(mail, `a mail "${subject}" to ${address}`).toBeDefined();
  return linksIn(mail!)[0]!;
}

test("a forgotten password is set again from the mailed link, which then stops working", async ({ page }) => {
  const email = uniqueEmail("forgot");
  await signUp(page, "Rhea Reset", email);
  await page.getByRole("button", { name: "Sign out" }).click();

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in page has an Email field too: fill the new page's, once it is there.
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toHaveText(/^If an account exists for that address/);
  // The sign-up's confirmation came first.
  const link = await linkInMail(email, "Reset your KAM Navigator password", 2);

  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("a-password-chosen-anew");
  await page.getByLabel("Repeat the new password").fill("a-password-chosen-anew");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page).toHaveURL(/\/orgs$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-password-chosen-anew");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/orgs$/);

  const again = await page.goto(link);
  expect(again!.status()).toBe(410);
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
});

test("the mailed link confirms the address, and the banner goes", async ({ page }) => {
  const email = uniqueEmail("confirm");
  await signUp(page, "Cora Confirm", email);
  const banner = page.getByText(`Confirm your address: we sent a link to ${email}.`);
  await expect(banner).toBeVisible();
  await page.goto(await linkInMail(email, "Confirm your address for KAM Navigator", 1));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page.getByRole("status")).toHaveText(`Your address ${email} is confirmed.`);
  await page.getByRole("link", { name: "Go to your organizations" }).click();
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(banner).toHaveCount(0);
});

test("a new address on the account page takes effect from the link mailed to it", async ({ page }) => {
  const email = uniqueEmail("moving");
  const newEmail = uniqueEmail("moved");
  await signUp(page, "Milo Move", email);
  await page.goto("/account");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Change email address" }) });
  await form.getByLabel("New email address").fill(newEmail);
  await form.getByLabel("Current password").fill(PASSWORD);
  await form.getByRole("button", { name: "Change email address" }).click();
  await expect(page.getByRole("status")).toHaveText(`We sent a link to ${newEmail}. Your address changes when you follow it; until then you sign in with ${email}.`);
  await linkInMail(email, "A change of your KAM Navigator address was asked for", 2);

  await page.goto(await linkInMail(newEmail, "Confirm your new address for KAM Navigator", 1));
  await page.getByRole("button", { name: "Use this address" }).click();
  await expect(page.getByRole("status")).toHaveText(`Your account's address is now ${newEmail}. Sign in with it from now on.`);
  await linkInMail(email, "Your KAM Navigator address was changed", 3);
  await page.goto("/account");
  await expect(page.getByText(`Signed in as ${newEmail}`)).toBeVisible();
});
