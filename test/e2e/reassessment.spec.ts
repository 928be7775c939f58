import { expect, expectNoSeriousA11yViolations, test, uniqueEmail } from "./fixtures.ts";

test("a closed assessment is repeated with the same respondents and targets; new links are created once", async ({ page, browser, signedInOwner }) => {
  test.setTimeout(90_000);
  const email = uniqueEmail("reassess");
  const { orgPath } = await signedInOwner({ name: "Rhea Repeat", email, organization: "Repeat Measures Co" });
  await page.goto(orgPath);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Assessments" }).click();
  await page.getByRole("link", { name: "New assessment" }).click();
  await page.getByLabel("Title").fill("Readiness 2026");
  await page.getByLabel("Questionnaire").selectOption({ label: "KAM readiness check 1.0.0" });
  await page.getByRole("button", { name: "Create assessment" }).click();

  // One link respondent, and the owner herself as a member respondent.
  await page.getByLabel("Name", { exact: true }).fill("Ada Lind");
  await page.getByLabel("Function", { exact: true }).selectOption("sales");
  await page.getByRole("button", { name: "Add and create link" }).click();
  const firstLink = await page.getByRole("textbox", { name: "Link for Ada Lind" }).inputValue();
  await page.getByLabel("Member", { exact: true }).selectOption({ label: `Rhea Repeat (${email})` });
  await page.getByLabel("Their function").selectOption("leadership");
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByText("Rhea Repeat answers from their own account")).toBeVisible();
  const targets = page.getByRole("region", { name: "Target profile" });
  await targets.getByLabel("Organizational foundation").selectOption("2");
  await page.getByRole("button", { name: "Save targets" }).click();
  await expect(page.getByText("Targets saved.")).toBeVisible();

  await expect(page.getByRole("heading", { name: "Re-assessment" })).toHaveCount(0);
  await page.getByRole("button", { name: "Open for answers" }).click();
  await expect(page.getByText("The assessment is open")).toBeVisible();
  await page.getByRole("button", { name: "Close and store results" }).click();
  await expect(page.getByText("The assessment is closed and its results are stored.")).toBeVisible();
  const sourcePath = new URL(page.url()).pathname;

  const title = page.getByLabel("Title of the re-assessment");
  await expect(title).toHaveValue("Readiness 2026 (re-assessment)");
  await title.fill("Readiness 2027");
  await page.getByRole("button", { name: "Start re-assessment" }).click();
  await expect(page.getByRole("heading", { name: "Readiness 2027" })).toBeVisible();
  expect(new URL(page.url()).pathname).not.toBe(sourcePath);
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Readiness 2026" })).toHaveAttribute("href", sourcePath);
  await expect(page.getByText("Re-assessment of Readiness 2026")).toBeVisible();

  const rows = page.getByRole("region", { name: /Respondents/ }).getByRole("row");
  await expect(page.getByRole("heading", { name: "Respondents (2)" })).toBeVisible();
  await expect(rows.filter({ hasText: "Ada Lind" })).toContainText("Sales");
  await expect(rows.filter({ hasText: "Ada Lind" })).toContainText("no link");
  await expect(rows.filter({ hasText: "Rhea Repeat" })).toContainText("Answers from their account");
  await expect(page.getByRole("region", { name: "Target profile" }).getByLabel("Organizational foundation")).toHaveValue("2");
  await expectNoSeriousA11yViolations(page);

  await expect(page.getByRole("heading", { name: "1 respondent has no personal link yet" })).toBeVisible();
  await page.getByRole("button", { name: "Create the missing links" }).click();
  const newLink = await page.getByRole("textbox", { name: "Link for Ada Lind" }).inputValue();
  expect(newLink).toMatch(/\/a\/[a-z0-9]+$/);
  expect(newLink).not.toBe(firstLink);
  await page.reload();
  await expect(page.getByRole("heading", { name: /no personal link yet/ })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Link for Ada Lind" })).toHaveCount(0);

  // The new link leads to the new assessment; the old one still shows the closed one.
  const ada = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.213.0.1" } });
  const adaPage = await ada.newPage();
  await adaPage.goto(newLink);
  await expect(adaPage.getByRole("heading", { name: "Readiness 2027" })).toBeVisible();
  await expect(adaPage.getByText("This assessment has not opened yet.")).toBeVisible();
  await adaPage.goto(firstLink);
  await expect(adaPage.getByText("This assessment is closed.")).toBeVisible();
  await ada.close();

  await page.getByRole("link", { name: "Readiness 2026" }).click();
  await expect(page.getByRole("heading", { name: "Readiness 2026" })).toBeVisible();
  await expect(page.getByText("Repeated in Readiness 2027")).toBeVisible();
});
