import { createOrganization, expect, signInAfterSignUp, signUp, submitSignUp, test, uniqueEmail } from "./fixtures.ts";

test("an owner invites a colleague by link, the colleague joins, both sign out", async ({ browser, page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const ownerEmail = uniqueEmail("owner");
  await signUp(page, "Olivia Owner", ownerEmail);
  await expect(page.getByRole("heading", { name: "No organization yet" })).toBeVisible();

  const orgPath = await createOrganization(page, "Acme Journey Components");
  expect(orgPath).toMatch(/^\/orgs\/acme-journey-components(-\d+)?$/);

  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Members" }).click();
  await page.getByLabel("Role for the new member").selectOption("program_lead");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const linkField = page.getByLabel("Invitation link (Program lead)");
  await expect(linkField).toHaveValue(/\/invite\/[a-z0-9]{52}$/);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(await linkField.inputValue());

  const colleagueContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.200.0.1" } });
  const colleague = await colleagueContext.newPage();
  await colleague.goto(link);
  await expect(colleague.getByRole("heading", { name: "Join Acme Journey Components" })).toBeVisible();
  await colleague.getByRole("link", { name: "Create an account" }).click();
  const colleagueEmail = uniqueEmail("colleague");
  await submitSignUp(colleague, "Pat Program", colleagueEmail);
  await signInAfterSignUp(colleague, colleagueEmail);
  await expect(colleague).toHaveURL(new RegExp(new URL(link).pathname + "$"));
  await colleague.getByRole("button", { name: "Join Acme Journey Components" }).click();
  await expect(colleague).toHaveURL(new RegExp(`${orgPath}$`));
  await expect(colleague.getByText("Organization · Program lead")).toBeVisible();

  // The link is single use.
  await colleague.goto(link);
  await expect(colleague.getByText("This invitation has already been used.")).toBeVisible();

  await page.reload();
  const members = page.getByRole("table").first();
  await expect(members.getByRole("row")).toHaveCount(3);
  await expect(members.getByRole("row", { name: /Pat Program/ })).toContainText("Program lead");
  await expect(page.getByRole("row", { name: /Program lead Used by Pat Program/ })).toBeVisible();

  await colleague.getByRole("button", { name: "Sign out" }).click();
  await expect(colleague).toHaveURL(/\/signin$/);
  await colleague.goto(orgPath);
  await expect(colleague).toHaveURL(/\/signin\?redirectTo=/);
  await colleagueContext.close();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
});

test("an owner revokes an invitation and its link stops working", async ({ page, browser }) => {
  await signUp(page, "Rita Revoker", uniqueEmail("revoker"));
  const orgPath = await createOrganization(page, "Revoke Test Org");
  await page.goto(`${orgPath}/members`);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByLabel(/Invitation link/).inputValue();
  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("The invitation is revoked; its link no longer works.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Revoked" })).toBeVisible();

  const other = await browser.newPage();
  const response = await other.goto(link);
  expect(response?.status()).toBe(410);
  await expect(other.getByText("This invitation was revoked.")).toBeVisible();
  await other.close();
});
