import { readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test, uniqueEmail } from "./fixtures.ts";

/** The respondent answers every question of the first pages at the levels given, one level per page. */
async function answerAsRespondent(browser: Browser, link: string, ip: string, levels: number[]) {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": ip } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole("link", { name: "Start" }).click();
  for (const [i, level] of levels.entries()) {
    // The first page waits for autosave to start; later pages for their own page number.
    if (i === 0) await expect(page.getByText("Answers are saved as you choose them.")).toBeVisible();
    else await expect(page.getByText(new RegExp(`page ${i + 1} of \\d+`))).toBeVisible();
    const groups = page.locator("fieldset.question");
    const count = await groups.count();
    for (let q = 0; q < count; q += 1) await groups.nth(q).locator(`input[type=radio][value="${level}"]`).check();
    await expect(page.getByText("All answers saved.")).toBeVisible();
    if (i < levels.length - 1) await page.getByRole("button", { name: "Save and continue" }).click();
  }
  await context.close();
}

/** Closes while its respondents have answered but not submitted: the close asks to confirm. */
async function closeAssessment(page: Page) {
  await page.getByRole("button", { name: /^Close and store results/ }).click();
  await page.getByRole("button", { name: "Close now" }).click();
  await expect(page.getByText("The assessment is closed and its results are stored.")).toBeVisible();
}

test("a re-assessment closes the loop: the roadmap is regenerated and keeps what was tracked", async ({ page, browser, signedInOwner }) => {
  test.setTimeout(240_000);
  const { orgPath } = await signedInOwner({ name: "Pia Program", email: uniqueEmail("loop"), organization: "Loop Closing Co" });
  await page.goto(orgPath);

  // Baseline: three respondents (the fewest whose scores are shown) answer the first page (key
  // account selection) at level 1.
  const people = ["Ada Lind", "Bo Berg", "Cy Chen"];
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Assessments" }).click();
  await page.getByRole("link", { name: "New assessment" }).click();
  await page.getByLabel("Title").fill("Baseline 2026");
  await page.getByRole("button", { name: "Create assessment" }).click();
  await page.getByLabel("One person per line").fill(people.map((name) => `${name}, , Sales`).join("\n"));
  await page.getByRole("button", { name: "Add all" }).click();
  const links = await Promise.all(people.map((name) => page.getByRole("textbox", { name: `Link for ${name}` }).inputValue()));
  await page.getByRole("button", { name: "Open for answers" }).click();
  await expect(page.getByText("The assessment is open")).toBeVisible();
  for (const [i, link] of links.entries()) await answerAsRespondent(browser, link, `10.220.0.${i + 1}`, [1]);
  await closeAssessment(page);
  const baselinePath = new URL(page.url()).pathname;

  // The overview says there is no roadmap yet and offers to generate one.
  await page.goto(orgPath);
  await expect(page.getByRole("heading", { name: "Roadmap", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Generate a roadmap" }).click();
  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible();
  await page.getByRole("button", { name: "Accept this plan" }).click();
  await expect(page.getByRole("heading", { name: "KAM transformation from Baseline 2026" })).toBeVisible();
  const roadmapPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { name: "A re-assessment is closed" })).toHaveCount(0);

  // Mark the first initiative done.
  await page.goto(`${roadmapPath}?view=board`);
  const card = page.locator(".board-card").first();
  const doneTitle = (await card.getByRole("link").first().textContent())!.trim();
  await card.getByRole("combobox").selectOption("done");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Status saved.")).toBeVisible();

  // Re-assessment: selection now at 5 (its gap closes), strategy at 1 (a new gap).
  await page.goto(baselinePath);
  await page.getByLabel("Title of the re-assessment").fill("Re-assessment 2027");
  await page.getByRole("button", { name: "Start re-assessment" }).click();
  await expect(page.getByRole("heading", { name: "Re-assessment 2027" })).toBeVisible();
  await page.getByRole("button", { name: "Create the missing links" }).click();
  const again = await Promise.all(people.map((name) => page.getByRole("textbox", { name: `Link for ${name}` }).inputValue()));
  await page.getByRole("button", { name: "Open for answers" }).click();
  await expect(page.getByText("The assessment is open")).toBeVisible();
  for (const [i, link] of again.entries()) await answerAsRespondent(browser, link, `10.220.1.${i + 1}`, [5, 1]);
  await closeAssessment(page);

  await page.goto(roadmapPath);
  await page.getByRole("link", { name: "Regenerate from Re-assessment 2027" }).click();
  await expect(page.getByRole("heading", { name: "Regenerate from Re-assessment 2027" })).toBeVisible();
  const closedGap = page.getByRole("region", { name: /^No longer needed/ });
  await expect(closedGap.getByText("Agree one official key account list")).toBeVisible();
  await expect(page.getByRole("region", { name: /^Added/ }).getByText("Give every key account a target and a note of the customer's goals")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByText(/^Roadmap regenerated: \d+ initiatives added, 5 no longer needed/)).toBeVisible();

  // What was tracked is still there; the closed gap's initiatives are marked.
  await page.goto(`${roadmapPath}?view=list&status=done`);
  await expect(page.getByRole("link", { name: doneTitle, exact: true })).toBeVisible();
  await page.goto(`${roadmapPath}?view=list`);
  const official = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Agree one official key account list", exact: true }) });
  await expect(official.getByText("no longer needed")).toBeVisible();
  const measured = page.getByRole("region", { name: "Projected vs measured" });
  await expect(measured.getByRole("row", { name: /^Key account selection and portfolio/ }).getByRole("cell")).toHaveText(["1.0", "5.0", "+4.0", "5.0"]);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Initiatives and milestones (CSV)" }).click();
  const csv = readFileSync((await (await download).path())!, "utf8").split("\r\n");
  expect(csv[0]).toBe("kind,key,initiative,title,phase,dimension,owner,start,due,status,blocked reason,custom,no longer needed,removed");
  expect(csv.find((l) => l.startsWith("initiative,selection-official-list,"))).toMatch(/,yes,no$/);
  expect(csv.find((l) => l.startsWith("initiative,strategy-account-revenue-targets,"))).toMatch(/,no,no$/);

  // The overview shows the roadmap with the measured and projected index.
  await page.goto(orgPath);
  const card2 = page.getByRole("region", { name: /^Roadmap: / });
  await expect(card2.getByText("Knowledge", { exact: true })).toBeVisible();
  await expect(card2.getByText(/measured \d\.\d \(from 1\.0 at the start\) · projected \d\.\d/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
