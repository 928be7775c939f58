import { expect, expectNoSeriousA11yViolations, signInAfterSignUp, submitSignUp, test, uniqueEmail } from "./fixtures.ts";

test("a member finds the assessment in their list, answers a page with autosave and submits", async ({ page, browser, signedInOwner }) => {
  test.setTimeout(90_000);
  const { orgPath } = await signedInOwner({ name: "Orla Owner", email: uniqueEmail("member-owner"), organization: "Member Answers Co" });

  // Mo joins the organization as a member through an invitation link.
  await page.goto(`${orgPath}/members`);
  await page.getByLabel("Role for the new member").selectOption("member");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const invitation = await page.getByLabel(/Invitation link/).inputValue();
  const moEmail = uniqueEmail("mo");
  const moContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.212.0.1" } });
  const mo = await moContext.newPage();
  await mo.goto(invitation);
  await mo.getByRole("link", { name: "Create an account" }).click();
  await submitSignUp(mo, "Mo Member", moEmail);
  await signInAfterSignUp(mo, moEmail);
  await mo.getByRole("button", { name: "Join Member Answers Co" }).click();
  await expect(mo.getByText("Organization · Member")).toBeVisible();
  await expect(mo.getByRole("heading", { name: "Waiting for your answers" })).toHaveCount(0);

  // The owner invites Mo by picking the member, not by typing a name.
  await page.goto(`${orgPath}/assessments/new`);
  await page.getByLabel("Title").fill("Team readiness");
  await page.getByLabel("Questionnaire").selectOption({ label: "KAM readiness check 1.0.0" });
  await page.getByRole("button", { name: "Create assessment" }).click();
  await page.getByLabel("Member", { exact: true }).selectOption({ label: `Mo Member (${moEmail})` });
  await page.getByLabel("Their function").selectOption("sales");
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByText("Mo Member answers from their own account")).toBeVisible();
  const row = page.getByRole("region", { name: /Respondents/ }).getByRole("row", { name: /Mo Member/ });
  await expect(row).toContainText("Answers from their account");
  await expect(row.getByRole("button", { name: "New link for Mo Member" })).toHaveCount(0);
  await page.getByRole("button", { name: "Open for answers" }).click();
  await expect(page.getByText("The assessment is open")).toBeVisible();
  const assessmentPath = new URL(page.url()).pathname;

  // Mo finds it in the list of organizations and answers the first page.
  await mo.goto("/orgs");
  const waiting = mo.getByRole("region", { name: "Waiting for your answers" });
  await expect(waiting).toContainText("0 of 10 questions answered");
  await waiting.getByRole("link", { name: "Answer “Team readiness”" }).click();
  await expect(mo).toHaveURL(new RegExp(`${assessmentPath}/respond$`));
  await expect(mo.getByText("Hello Mo Member.")).toBeVisible();
  // Answering from an account keeps the account's header.
  await expect(mo.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Mo Member" })).toBeVisible();
  await expect(mo.getByText("Member Answers Co asks for your view. You were invited by Orla Owner.")).toBeVisible();
  await mo.getByRole("link", { name: "Start" }).click();
  await expect(mo.getByText("Answers are saved as you choose them.")).toBeVisible();
  const groups = mo.locator("fieldset.question");
  await expect(groups).toHaveCount(5);
  const pages = mo.getByRole("navigation", { name: "Questionnaire pages" });
  for (let i = 0; i < 5; i += 1) {
    await groups.nth(i).locator('input[type=radio][value="4"]').check();
    // The counts follow each choice, without a reload.
    await expect(mo.getByText(`${i + 1} of 10 questions answered`)).toBeVisible();
  }
  await expect(pages.getByRole("listitem").first()).toContainText("✓ complete");
  await expect(mo.getByText("All answers saved.")).toBeVisible();
  await mo.reload();
  await expect(mo.locator('fieldset.question input[value="4"]:checked')).toHaveCount(5);
  await expect(mo.getByText("5 of 10 questions answered")).toBeVisible();

  // The organization's overview shows the progress; Mo reviews and submits.
  await mo.goto(orgPath);
  const overview = mo.getByRole("region", { name: "Waiting for your answers" });
  await expect(overview).toContainText("5 of 10 questions answered");
  await overview.getByRole("link", { name: "Continue “Team readiness”" }).click();
  await mo.getByRole("link", { name: "Review and submit" }).click();
  await expect(mo.getByText("You answered 5 of 10 questions.")).toBeVisible();
  await expectNoSeriousA11yViolations(mo);
  await mo.getByRole("button", { name: "Submit with gaps" }).click();
  await expect(mo.getByRole("heading", { name: "Thank you, Mo Member" })).toBeVisible();
  await expect(mo).toHaveURL(new RegExp(`${assessmentPath}/respond/done$`));
  await expectNoSeriousA11yViolations(mo);
  await mo.goto(orgPath);
  await expect(mo.getByRole("heading", { name: "Waiting for your answers" })).toHaveCount(0);

  await page.reload();
  await expect(row).toContainText("Submitted");
  // The owner sees the whole assessment's progress, never a count of Mo's own answers.
  await expect(row).not.toContainText("5/10");
  await expect(page.getByText("5 of 10 answers given in all.")).toBeVisible();
  // Nobody else reaches Mo's answers, not even the owner.
  const ownerTry = await page.goto(`${assessmentPath}/respond/readiness-customers`);
  expect(ownerTry?.status()).toBe(404);
  await moContext.close();
});
