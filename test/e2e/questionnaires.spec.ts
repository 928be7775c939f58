import { readFileSync } from "node:fs";
import { expect, expectNoSeriousA11yViolations, test, uniqueEmail } from "./fixtures.ts";

test("a signed-in user reads the published questionnaires and downloads one", async ({ page, signedInUser }) => {
  await signedInUser({ name: "Quinn Reader", email: uniqueEmail("reader") });
  await page.goto("/orgs");
  await page.getByRole("link", { name: "Questionnaires" }).click();
  await expect(page.getByRole("heading", { name: "Questionnaires", level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expect(page.getByRole("row", { name: /KAM readiness check 1\.0\.0 Published/ })).toBeVisible();

  await page.getByRole("link", { name: "KAM Maturity Index" }).click();
  await expect(page.getByRole("heading", { name: "KAM Maturity Index", level: 1 })).toBeVisible();
  await expect(page.getByText("11 dimensions, 56 questions.")).toBeVisible();
  const profile = page.getByRole("region", { name: "Dimensions and best-practice targets" });
  await expect(profile.getByRole("row")).toHaveCount(12);
  await profile.getByRole("link", { name: "Relationships and trust" }).click();
  await expect(page).toHaveURL(/#dimension-relationships$/);
  await expect(page.getByRole("heading", { name: /holds the power to continue or end the relationship/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download JSON" }).click();
  const file = await (await download).path();
  const json = JSON.parse(readFileSync(file, "utf8"));
  expect(json.questionnaire).toBe("kam-maturity");
  expect(json.status).toBe("published");
  expect(json.questions).toHaveLength(56);

  const missing = await page.goto("/questionnaires/kam-maturity/9.9.9");
  expect(missing?.status()).toBe(404);
});
