import { readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test, uniqueEmail } from "./fixtures.ts";

async function respondentPage(browser: Browser, link: string, ip: string, javaScriptEnabled = true, viewport?: { width: number; height: number }) {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": ip }, javaScriptEnabled, ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  await page.goto(link);
  return { context, page };
}

/** Chooses `level` for every question on the current page, once autosave is running. */
async function answerPage(page: Page, level: number, autosave = true) {
  if (autosave) await expect(page.getByText("Answers are saved as you choose them.")).toBeVisible();
  const groups = page.locator("fieldset.question");
  const count = await groups.count();
  for (let i = 0; i < count; i += 1) {
    await groups.nth(i).locator(`input[type=radio][value="${level}"]`).check();
  }
  return count;
}

test("a CSO sets up an assessment, three colleagues answer (one goes offline), the CSO closes it", async ({ page, browser, signedInOwner }) => {
  test.setTimeout(120_000);
  const { orgPath } = await signedInOwner({ name: "Cora CSO", email: uniqueEmail("cso"), organization: "Flow Test Industries" });
  await page.goto(orgPath);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Assessments" }).click();
  await expect(page.getByRole("heading", { name: "No assessment yet" })).toBeVisible();
  await page.getByRole("link", { name: "New assessment" }).click();
  await page.getByRole("button", { name: "Create assessment" }).click();
  await expect(page.getByText("Give the assessment a title.")).toBeVisible();
  await page.getByLabel("Title").fill("KAM maturity 2026");
  await page.getByRole("button", { name: "Create assessment" }).click();
  await expect(page.getByRole("heading", { name: "KAM maturity 2026" })).toBeVisible();

  await page.getByLabel("One person per line").fill(
    "Ada Lind, ada@example.com, Sales\nBo Berg, , Key account management\nnot a person\nCy Chen, cy@example.com, Customer success",
  );
  await page.getByRole("button", { name: "Add all" }).click();
  await expect(page.getByText("Line 3 (“not a person”): Expected three parts: name, email, function.")).toBeVisible();
  // The added lines leave the paste box, so nobody is added twice; the line to fix stays.
  await expect(page.getByLabel("One person per line")).toHaveValue("not a person");
  const links = await Promise.all(
    ["Ada Lind", "Bo Berg", "Cy Chen"].map((name) => page.getByRole("textbox", { name: `Link for ${name}` }).inputValue()),
  );
  await page.getByLabel("One person per line").fill("Ada Lind, ADA@example.com, Sales");
  await page.getByRole("button", { name: "Add all" }).click();
  await expect(page.getByText("Already added: ada@example.com.")).toBeVisible();
  await page.getByLabel("One person per line").fill("");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Open for answers" }).click();
  await expect(page.getByText("The assessment is open")).toBeVisible();

  // Ada answers level 2 on the first page and moves on.
  const ada = await respondentPage(browser, links[0]!, "10.210.0.1");
  await ada.page.getByRole("link", { name: "Start" }).click();
  await expectNoSeriousA11yViolations(ada.page);
  const firstPage = await answerPage(ada.page, 2);
  await expect(ada.page.getByText("All answers saved.")).toBeVisible();
  await ada.page.getByRole("button", { name: "Save and continue" }).click();
  await expect(ada.page.getByRole("heading", { name: "Strategic anchoring and alignment" })).toBeVisible();
  await expect(ada.page.getByText(`${firstPage} of 56 questions answered`)).toBeVisible();

  // Bo goes offline mid-page, keeps answering, reloads offline-saved state, and comes back online.
  const bo = await respondentPage(browser, links[1]!, "10.210.0.2");
  await bo.page.getByRole("link", { name: "Start" }).click();
  const groups = bo.page.locator("fieldset.question");
  await expect(bo.page.getByText("Answers are saved as you choose them.")).toBeVisible();
  await groups.nth(0).locator('input[value="4"]').check();
  await expect(bo.page.getByText("All answers saved.")).toBeVisible();
  await bo.context.setOffline(true);
  for (let i = 1; i < (await groups.count()); i += 1) await groups.nth(i).locator('input[value="4"]').check();
  await expect(bo.page.getByText("Offline: will retry.")).toBeVisible();
  const pendingKeys = () =>
    bo.page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith("kam-autosave:"));
      return key ? Object.keys(JSON.parse(localStorage.getItem(key)!)).length : 0;
    });
  expect(await pendingKeys()).toBe((await groups.count()) - 1);
  await bo.context.setOffline(false);
  await bo.page.reload();
  await expect.poll(pendingKeys).toBe(0);
  await bo.page.reload();
  await expect(bo.page.locator('fieldset.question input[value="4"]:checked')).toHaveCount(await groups.count());
  await expect(bo.page.getByText(`${await groups.count()} of 56 questions answered`)).toBeVisible();

  // Cy answers on a phone, by link, without an account: no sign-in is offered, the start page
  // says whose assessment it is, and every page shows its first question without scrolling.
  const cy = await respondentPage(browser, links[2]!, "10.210.0.3", true, { width: 390, height: 844 });
  await expect(cy.page.getByText("Flow Test Industries asks for your view. You were invited by Cora CSO.")).toBeVisible();
  await expect(cy.page.getByText("It takes about 20 minutes: 56 questions")).toBeVisible();
  await expect(cy.page.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  await expect(cy.page.getByRole("link", { name: "Sign up" })).toHaveCount(0);
  const cyBase = new URL(links[2]!).pathname;
  for (const dimension of ["selection", "strategy", "sponsorship", "governance", "teams", "planning", "competencies", "insight", "relationships", "value", "performance"]) {
    await cy.page.goto(`${cyBase}/${dimension}`);
    const question = cy.page.locator("fieldset.question").first();
    await expect(question.locator("legend")).toBeInViewport({ ratio: 1 });
    const firstOption = question.locator("label.choice").first();
    await expect(firstOption).toBeInViewport({ ratio: 1 });
    // Not under the sticky Back / Save bar either.
    const optionBox = (await firstOption.boundingBox())!;
    const barBox = (await cy.page.locator(".page-actions").boundingBox())!;
    expect(optionBox.y + optionBox.height, dimension).toBeLessThanOrEqual(barBox.y);
  }
  await cy.page.goto(cyBase);
  await cy.page.getByRole("link", { name: "Start" }).click();
  await answerPage(cy.page, 3);
  await expect(cy.page.getByText("All answers saved.")).toBeVisible();
  await cy.page.goto(`${new URL(links[2]!).pathname}/submit`);
  await expect(cy.page.getByText("51 questions are still unanswered.")).toBeVisible();
  await expectNoSeriousA11yViolations(cy.page);
  await cy.page.getByRole("button", { name: "Submit with gaps" }).click();
  await expect(cy.page.getByRole("heading", { name: "Thank you, Cy Chen" })).toBeVisible();
  await expectNoSeriousA11yViolations(cy.page);
  await cy.page.goto(`${new URL(links[2]!).pathname}/selection`);
  await expect(cy.page.getByText("Your answers are read-only.")).toBeVisible();

  await page.reload();
  const rows = page.getByRole("region", { name: /Respondents/ }).getByRole("row");
  await expect(rows.filter({ hasText: "Ada Lind" })).toContainText("In progress");
  await expect(rows.filter({ hasText: "Cy Chen" })).toContainText("Submitted");
  // Ada and Bo are still answering: the close says so and asks first.
  await page.getByRole("button", { name: "Close and store results (2 still answering)" }).click();
  await expect(page.getByRole("heading", { name: "Close while 2 still answering?" })).toBeVisible();
  await page.getByRole("button", { name: "Close now" }).click();
  await expect(page.getByText("The assessment is closed and its results are stored.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();

  // Ada, still on her second page, answers once more: the page says it was not recorded.
  const adaQuestion = ada.page.locator("fieldset.question").first();
  await adaQuestion.locator('input[value="5"]').check();
  await expect(ada.page.getByRole("alert")).toContainText("The assessment was closed while you were answering");
  await expect(ada.page.getByRole("alert").getByRole("listitem")).toHaveText([(await adaQuestion.locator("legend").innerText()).replace(/^1\.\s*/, "")]);

  // A replaced link tells its holder what happened and whom to ask.
  await rows.filter({ hasText: "Bo Berg" }).getByRole("button", { name: "New link for Bo Berg" }).click();
  await expect(page.getByText("The old link no longer works.")).toBeVisible();
  await bo.page.goto(links[1]!);
  await expect(bo.page.getByRole("heading", { name: "This link was replaced" })).toBeVisible();
  await expect(bo.page.getByText("Ask Cora CSO at Flow Test Industries for a new link")).toBeVisible();
  await expect(bo.page.getByRole("link", { name: "Sign in" })).toHaveCount(0);

  // Only the first page was answered by all three: levels 2 (Ada), 4 (Bo) and 3 (Cy) on every
  // selection question. By hand: mean (2 + 4 + 3) / 3 = 3.0, sample SD 1.00, rwg 1 − 1/2 = 0.5
  // → divided; every other dimension has insufficient data, so the index is 3.0 (Defined).
  await page.getByRole("link", { name: "Results" }).click();
  await expect(page.locator("canvas").first()).toBeVisible();
  await expect(page.getByText("Stage 3: Defined")).toBeVisible();
  const table = page.getByRole("region", { name: "Dimensions" });
  const selectionRow = table.getByRole("row", { name: /^Key account selection and portfolio/ });
  await expect(selectionRow.getByRole("cell")).toHaveText(["3.0", "4", "1.0", "1", "3", "1.00", "divided", "100 %"]);
  await expect(table.getByRole("row", { name: /^Executive sponsorship and leadership/ }).getByRole("cell").first()).toHaveText("insufficient data");
  await expectNoSeriousA11yViolations(page);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Raw answers (CSV)" }).click();
  const csv = readFileSync((await (await download).path())!, "utf8").trim().split("\r\n");
  expect(csv).toHaveLength(1 + 15);
  // One person per function: no function is shown, and the codes follow no list; Bo's five 4s are one code's.
  const bosRows = csv.filter((line) => /^R[123],,selection,/.test(line) && line.includes(",4,"));
  expect(bosRows).toHaveLength(5);
  expect(new Set(bosRows.map((line) => line.split(",")[0])).size).toBe(1);
  const pdfDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Board report (PDF)" }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toBe("kam-report-kam-maturity-2026.pdf");
  const pdfBytes = readFileSync((await pdf.path())!);
  expect(pdfBytes.subarray(0, 5).toString()).toBe("%PDF-");
  // Title, summary, profile, perception gaps, 11 dimensions, methods.
  expect(pdfBytes.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(4 + 11 + 1);

  await table.getByRole("link", { name: "Key account selection and portfolio" }).click();
  await expect(page.getByRole("heading", { name: "Key account selection and portfolio", level: 2 })).toBeVisible();
  const first = page.getByRole("region", { name: /^1\. / });
  // One person each chose 2, 3 and 4 on every selection question.
  await expect(first.getByRole("row").filter({ hasText: "2 Emerging" }).getByRole("cell").first()).toHaveText("1");
  await expect(first.getByRole("row").filter({ hasText: "5 Leading" }).getByRole("cell").first()).toHaveText("0");
  await expect(page.getByText("Mean 3.0 from 3 level answers").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const late = await respondentPage(browser, links[0]!, "10.210.0.1");
  await expect(late.page.getByText("This assessment is closed.")).toBeVisible();
  expect(orgPath).toContain("/orgs/");
  for (const r of [ada, bo, cy, late]) await r.context.close();
});

test("without JavaScript, a respondent answers page by page and submits", async ({ page, browser, signedInOwner }) => {
  const { orgPath } = await signedInOwner({ name: "Nils NoJS", email: uniqueEmail("nojs-cso"), organization: "No JS Answers Co" });
  await page.goto(orgPath);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Assessments" }).click();
  await page.getByRole("link", { name: "New assessment" }).click();
  await page.getByLabel("Title").fill("Readiness check");
  await page.getByLabel("Questionnaire").selectOption({ label: "KAM readiness check 1.0.0" });
  await page.getByRole("button", { name: "Create assessment" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Greta Plain");
  await page.getByLabel("Function", { exact: true }).selectOption("finance");
  await page.getByRole("button", { name: "Add and create link" }).click();
  const link = await page.getByRole("textbox", { name: "Link for Greta Plain" }).inputValue();
  // The form is empty again, so the same person is not added twice by accident.
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");
  await page.getByRole("button", { name: "Open for answers" }).click();
  await expect(page.getByText("The assessment is open")).toBeVisible();

  const greta = await respondentPage(browser, link, "10.211.0.1", false);
  await greta.page.getByRole("link", { name: "Start" }).click();
  await expect(greta.page.getByText("Your answers are saved when you go to the next page.")).toBeVisible();
  await answerPage(greta.page, 4, false);
  await greta.page.getByRole("button", { name: "Save and continue" }).click();
  await expect(greta.page.getByText("5 of 10 questions answered")).toBeVisible();
  await answerPage(greta.page, 2, false);
  await greta.page.getByRole("button", { name: "Save and review" }).click();
  await expect(greta.page.getByRole("heading", { name: "Review and submit" })).toBeVisible();
  await expect(greta.page.getByText("You answered 10 of 10 questions.")).toBeVisible();
  await greta.page.getByRole("button", { name: "Submit my answers" }).click();
  await expect(greta.page.getByRole("heading", { name: "Thank you, Greta Plain" })).toBeVisible();
  await greta.context.close();
});
