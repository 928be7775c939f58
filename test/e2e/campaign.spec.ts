// A CSO runs the whole campaign by mail: 30 colleagues invited at once, the response rate grows
// as three answer from their mails, the rest are reminded, the assessment closes and the
// results are read. No link is copied from a page.
import type { Browser } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test, uniqueEmail } from "./fixtures.ts";
import { linksIn, mailsFor } from "./mail.ts";

const FUNCTIONS = ["Sales", "Key account management", "Marketing"] as const;

async function answerFromMail(browser: Browser, link: string, ip: string) {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": ip } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole("link", { name: "Start" }).click();
  await expect(page.getByText("Answers are saved as you choose them.")).toBeVisible();
  const groups = page.locator("fieldset.question");
  for (let i = 0; i < (await groups.count()); i += 1) await groups.nth(i).locator('input[type=radio][value="3"]').check();
  await expect(page.getByText("All answers saved.")).toBeVisible();
  await page.goto(`${new URL(link).pathname}/submit`);
  await page.getByRole("button", { name: "Submit with gaps" }).click();
  await expect(page.getByRole("heading", { name: /^Thank you/ })).toBeVisible();
  await context.close();
}

test("a CSO invites 30 colleagues by mail, watches the rate grow, reminds the rest and reads the results", async ({ page, browser, signedInOwner }) => {
  test.setTimeout(180_000);
  const { orgPath } = await signedInOwner({ name: "Carla Campaign", email: uniqueEmail("cso"), organization: "Mailed Industries" });
  await page.goto(`${orgPath}/assessments/new`);
  await page.getByLabel("Title").fill("KAM maturity by mail");
  await page.getByRole("button", { name: "Create assessment" }).click();
  await page.getByRole("button", { name: "Open for answers" }).click();
  await expect(page.getByText("The assessment is open")).toBeVisible();

  // 30 people: 12 in sales, 10 in key account management, 8 in marketing.
  const people = Array.from({ length: 30 }, (_, i) => ({
    name: `Colleague ${i + 1}`,
    email: uniqueEmail(`colleague${i + 1}`),
    function: FUNCTIONS[i < 12 ? 0 : i < 22 ? 1 : 2],
  }));
  await page.getByLabel("One person per line").fill(people.map((p) => `${p.name}, ${p.email}, ${p.function}`).join("\n"));
  await page.locator("form:has(textarea) input[name=mail]").check();
  await page.getByRole("button", { name: "Add all" }).click();
  await expect(page.getByText("30 invitations are on the way by mail.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Personal answer links" })).toHaveCount(0);

  const invitations = await Promise.all(people.map(async (p) => (await mailsFor(p.email))[0]!));
  const first = invitations[0]!;
  expect(first.subject).toBe("Mailed Industries asks for your view on key account management");
  expect(first.from?.value).toEqual([{ name: "Mailed Industries via KAM Navigator", address: "kam@example.com" }]);
  expect(first.text).toContain("Carla Campaign invites you");

  // The invitation's HTML, as a mail client shows it, passes axe.
  const mailClient = await browser.newContext();
  const preview = await mailClient.newPage();
  await preview.setContent(String(first.html));
  await expect(preview.getByRole("link", { name: "Open the assessment" })).toBeVisible();
  await expectNoSeriousA11yViolations(preview);
  await mailClient.close();

  const rates = page.getByRole("region", { name: "Response rate by function" });
  await page.reload();
  await expect(rates.getByRole("row", { name: /^Sales/ }).getByRole("cell")).toHaveText(["12", "12", "0", "0", "3 more needed"]);

  // Three in sales answer from their mails; the rate grows, and sales now counts in the results.
  for (const [i, mail] of invitations.slice(0, 3).entries()) await answerFromMail(browser, linksIn(mail)[0]!, `10.230.0.${i + 1}`);
  await page.reload();
  await expect(rates.getByRole("row", { name: /^Sales/ }).getByRole("cell")).toHaveText(["12", "12", "3", "3", "Yes"]);
  await expect(rates.getByRole("row", { name: /^Marketing/ }).getByRole("cell")).toHaveText(["8", "8", "0", "0", "3 more needed"]);
  await expectNoSeriousA11yViolations(page);

  // Remind the 27 who have not submitted: each gets a second mail with a new link that works.
  await page.getByRole("button", { name: "Remind 27 people now" }).click();
  await expect(page.getByText("27 reminders are on the way.")).toBeVisible();
  const [, reminder] = await mailsFor(people[3]!.email, 2);
  expect(reminder!.subject).toBe("Reminder: Mailed Industries asks for your view on key account management");
  const reminded = await browser.newPage();
  await reminded.goto(linksIn(reminder!)[0]!);
  await expect(reminded.getByText("Hello Colleague 4.")).toBeVisible();
  await reminded.close();

  // Close, and read the results: three in sales answered level 3 on the first page.
  await page.getByRole("button", { name: "Close and store results" }).click();
  await expect(page.getByText("The assessment is closed and its results are stored.")).toBeVisible();
  await page.getByRole("link", { name: "Results" }).click();
  const table = page.getByRole("region", { name: "Dimensions" });
  await expect(table.getByRole("row", { name: /^Key account selection and portfolio/ }).getByRole("cell").first()).toHaveText("3.0");
});
