import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test, uniqueEmail } from "./fixtures.ts";

/** Sets the item page's owner and status (and the blocked reason, if given), then saves. */
async function saveItem(page: Page, fields: { owner?: string; status: string; reason?: string }) {
  const form = page.getByRole("region", { name: "Owner, due date and status" });
  if (fields.owner) await form.getByLabel("Owner").selectOption({ label: fields.owner });
  await form.getByLabel("Status").selectOption({ label: fields.status });
  if (fields.reason !== undefined) await form.getByLabel("Blocked reason").fill(fields.reason);
  await form.getByRole("button", { name: "Save changes" }).click();
}

test("a program lead generates a roadmap, assigns, completes and blocks milestones and passes the knowledge gate", async ({ page, browser, signedInOwner }) => {
  test.setTimeout(150_000);
  const { orgPath } = await signedInOwner({ name: "Lena Lead", email: uniqueEmail("roadmap-lead"), organization: "Roadmap Tracking Co" });
  await page.goto(orgPath);

  // A short assessment: one respondent answers the first page (selection) at level 2.
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Assessments" }).click();
  await page.getByRole("link", { name: "New assessment" }).click();
  await page.getByLabel("Title").fill("Baseline for the roadmap");
  await page.getByRole("button", { name: "Create assessment" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Rita Respondent");
  await page.getByLabel("Function", { exact: true }).selectOption("sales");
  await page.getByRole("button", { name: "Add and create link" }).click();
  const link = await page.getByRole("textbox", { name: "Link for Rita Respondent" }).inputValue();
  await page.getByRole("button", { name: "Open for answers" }).click();
  await expect(page.getByText("The assessment is open")).toBeVisible();
  const respondent = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.212.0.1" } });
  const answering = await respondent.newPage();
  await answering.goto(link);
  await answering.getByRole("link", { name: "Start" }).click();
  await expect(answering.getByText("Answers are saved as you choose them.")).toBeVisible();
  const questions = answering.locator("fieldset.question");
  for (let i = 0; i < (await questions.count()); i += 1) await questions.nth(i).locator('input[type=radio][value="2"]').check();
  await expect(answering.getByText("All answers saved.")).toBeVisible();
  await respondent.close();
  await page.reload();
  await page.getByRole("button", { name: "Close and store results (1 still answering)" }).click();
  await page.getByRole("button", { name: "Close now" }).click();
  await expect(page.getByText("The assessment is closed and its results are stored.")).toBeVisible();

  // Generate and accept the plan.
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Roadmap" }).click();
  await page.getByRole("link", { name: "Generate a roadmap" }).click();
  await page.getByRole("button", { name: "Accept this plan" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "KAM transformation from Baseline for the roadmap" })).toBeVisible();
  await expect(page.getByText(/^1 of \d+ milestones done/)).toBeVisible();
  const roadmapUrl = page.url();
  await expect(page.getByRole("figure", { name: /^Timeline of \d+ initiatives/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Assign an owner to the analysis and mark two of its milestones done.
  await page.getByRole("link", { name: "Analyze the current KAM state" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Analyze the current KAM state" })).toBeVisible();
  await saveItem(page, { owner: "Lena Lead", status: "In progress" });
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByText("changed owner from no one to Lena Lead")).toBeVisible();
  for (const milestone of ["Customer base facts compiled", "Largest gaps agreed"]) {
    await page.getByRole("link", { name: milestone }).click();
    await expect(page.getByRole("heading", { level: 2, name: milestone })).toBeVisible();
    await saveItem(page, { status: "Done" });
    await expect(page.getByText("changed status from Not started to Done")).toBeVisible();
    await page.getByRole("region", { name: "About this milestone" }).getByRole("link", { name: "Analyze the current KAM state" }).click();
  }
  await expect(page.getByRole("listitem").filter({ hasText: "Largest gaps agreed" })).toContainText("Done");

  // Block a milestone: without a reason it is refused, with one it is saved and shown.
  await page.goto(roadmapUrl);
  await page.getByRole("link", { name: "Learn from best practice and peers" }).click();
  await page.getByRole("link", { name: "Leadership briefed on best practice" }).click();
  await saveItem(page, { status: "Blocked", reason: "" });
  await expect(page.getByText("Say what blocks it.")).toBeVisible();
  await saveItem(page, { status: "Blocked", reason: "The board meets only in March" });
  await expect(page.getByText("blocked: The board meets only in March")).toBeVisible();
  await page.getByLabel("Note text").fill("Briefing slides drafted; waiting for a slot.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Briefing slides drafted; waiting for a slot.")).toBeVisible();
  await expect(page.getByText("Lena Lead added evidence.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Pass the knowledge gate by ticking all its criteria.
  await page.goto(roadmapUrl);
  await expect(page.getByText(/^3 of \d+ milestones done/)).toBeVisible();
  const knowledgeGate = page.locator(".gate").filter({ has: page.getByRole("heading", { name: /^Knowledge/ }) });
  for (let i = 0; i < 3; i += 1) {
    await knowledgeGate.getByRole("button", { name: /not ticked, tick$/ }).first().click();
    await expect(knowledgeGate.getByRole("button", { name: /: ticked, untick$/ })).toHaveCount(i + 1);
  }
  await expect(knowledgeGate.getByText("passed")).toBeVisible();
  await expect(page.getByText("current phase:")).toContainText("Design");
  await expect(knowledgeGate.getByText(/ticked by Lena Lead on \d{4}-\d{2}-\d{2}/)).toHaveCount(3);

  // The board puts the analysis in progress; the list finds the blocked milestone.
  await page.getByRole("link", { name: "Board" }).click();
  const inProgress = page.getByRole("region", { name: /^In progress/ });
  await expect(inProgress.getByRole("link", { name: "Analyze the current KAM state" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.goto(`${roadmapUrl}?view=list&status=blocked`);
  await expect(page.getByRole("row", { name: /Leadership briefed on best practice/ })).toContainText("blocked: The board meets only in March");
});
