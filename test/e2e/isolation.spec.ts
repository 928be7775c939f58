import { expect, test, uniqueEmail } from "./fixtures.ts";

test("a member of organization A gets 404 on every page of organization B", async ({ browser, page, signedInOwner }) => {
  const { orgPath: alphaPath } = await signedInOwner({ name: "Ann Alpha", email: uniqueEmail("alpha"), organization: "Alpha Isolation Co" });

  const betaContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.201.0.1" } });
  const { orgPath: betaPath } = await signedInOwner({ name: "Ben Beta", email: uniqueEmail("beta"), organization: "Beta Isolation Co", context: betaContext });

  for (const suffix of ["", "/members", "/settings"]) {
    const response = await page.goto(`${betaPath}${suffix}`);
    expect(response?.status(), `${betaPath}${suffix}`).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText("Beta Isolation Co")).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "Organization" })).toHaveCount(0);
  }
  // A form post into B is refused the same way and changes nothing.
  const post = await page.request.post(`${betaPath}/members`, {
    form: { intent: "invite", role: "owner" },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(post.status()).toBe(404);

  const own = await page.goto(alphaPath);
  expect(own?.status()).toBe(200);

  // A missing page inside one's own organization is a 404 that keeps the organization's navigation.
  const missing = await page.goto(`${alphaPath}/assessments/00000000-0000-4000-8000-000000000000`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Alpha Isolation Co" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Assessments" })).toBeVisible();
  await betaContext.close();
});
