import { expect, expectNoSeriousA11yViolations, signInAsDemo, test, uniqueEmail } from "./fixtures.ts";

test("a consultant creates two clients, runs an assessment for one, and loses access when the owner ends the engagement", async ({ page, browser, signedInUser }) => {
  test.setTimeout(120_000);
  await signedInUser({ name: "Cleo Consultant", email: uniqueEmail("consultant") });
  await page.goto("/orgs/new");
  await page.getByLabel("Organization name").fill("Keystone Advisory");
  await page.getByLabel("Industry").selectOption("Professional services");
  await page.getByLabel("Size (employees)").selectOption("50–249");
  await page.getByLabel("Region").selectOption("Europe");
  await page.getByLabel("What kind of organization is it?").selectOption("consultancy");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Keystone Advisory" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No clients yet" })).toBeVisible();
  const portfolio = new URL(page.url()).pathname;

  // An empty name is refused with a message at the field, and nothing is created.
  await page.getByRole("link", { name: "Create a client" }).click();
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByText("Enter the organization's name.")).toBeVisible();

  const clients = [
    { name: "Granite Foods", industry: "Consumer goods" },
    { name: "Pylon Energy", industry: "Energy and utilities" },
  ];
  let ownerLink = "";
  for (const client of clients) {
    await page.goto(`${portfolio}/new`);
    await page.getByLabel("Organization name").fill(client.name);
    await page.getByLabel("Industry").selectOption(client.industry);
    await page.getByLabel("Size (employees)").selectOption("250–999");
    await page.getByLabel("Region").selectOption("Europe");
    await page.getByRole("button", { name: "Create client" }).click();
    await expect(page.getByRole("heading", { name: `${client.name} is your client` })).toBeVisible();
    if (!ownerLink) ownerLink = await page.getByRole("textbox", { name: /Owner invitation link/ }).inputValue();
  }

  // An assessment for the first client, from the consultant's account.
  await page.goto(portfolio);
  await page.getByRole("link", { name: "Granite Foods", exact: true }).click();
  await expect(page.getByRole("note")).toContainText("You work here for Keystone Advisory as admin");
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Assessments" }).click();
  await page.getByRole("link", { name: "New assessment" }).click();
  await page.getByLabel("Title").fill("Granite baseline");
  await page.getByRole("button", { name: "Create assessment" }).click();
  await expect(page.getByRole("heading", { name: "Granite baseline" })).toBeVisible();
  const assessmentPath = new URL(page.url()).pathname;
  await page.getByLabel("Name", { exact: true }).fill("Gus Granite");
  await page.getByLabel("Function", { exact: true }).selectOption("sales");
  await page.getByRole("button", { name: "Add and create link" }).click();
  const gusLink = await page.getByRole("textbox", { name: "Link for Gus Granite" }).inputValue();
  await page.getByRole("button", { name: "Open for answers" }).click();
  await expect(page.getByText("The assessment is open")).toBeVisible();
  // Gus starts answering, so his link is one people are using when the engagement ends.
  const saved = await page.request.post(`${gusLink}/answers`, {
    data: { saves: [{ questionId: "selection-criteria", choice: "level", level: 3, comment: null, sequence: 1 }] },
    headers: { Origin: new URL(gusLink).origin },
  });
  expect(saved.status()).toBe(200);

  await page.goto(portfolio);
  const table = page.getByRole("region", { name: /of 2 clients/ });
  await expect(table.getByRole("row")).toHaveCount(3);
  const granite = table.getByRole("row", { name: /Granite Foods/ });
  await expect(granite).toContainText("Granite baseline");
  await expect(granite).toContainText("Collecting answers");
  await expect(table.getByRole("row", { name: /Pylon Energy/ })).toContainText("None yet");
  await expect(page.getByText("The heatmap fills in once a client closes an assessment.")).toBeVisible();
  await page.getByLabel("Industry").selectOption("Energy and utilities");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("region", { name: /1 of 2 clients/ }).getByRole("row")).toHaveCount(2);

  // The client's owner joins through the link and ends the engagement, keeping Gus's link.
  const ownerContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.250.1.1" } });
  await signedInUser({ name: "Gina Granite", email: uniqueEmail("owner"), context: ownerContext });
  const owner = await ownerContext.newPage();
  await owner.goto(ownerLink);
  await owner.getByRole("button", { name: "Join Granite Foods" }).click();
  await owner.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Consultancies" }).click();
  const engagement = owner.getByRole("row", { name: /Keystone Advisory/ });
  await expect(engagement).toContainText("Active");
  await expectNoSeriousA11yViolations(owner);
  await engagement.getByRole("button", { name: "End the engagement of Keystone Advisory" }).click();
  const confirmation = owner.getByRole("region", { name: "End the engagement of Keystone Advisory?" });
  await expect(confirmation).toContainText("What its consultants created here stops working: 1 respondent link.");
  await expectNoSeriousA11yViolations(owner);
  await confirmation.getByLabel("Keep the 1 respondent link people have started using").check();
  await confirmation.getByRole("button", { name: "End engagement" }).click();
  await expect(owner.getByText("The engagement has ended.")).toContainText("1 respondent link people have started using stays as your own.");
  await expect(owner.getByRole("row", { name: /Keystone Advisory/ })).toContainText("Ended");
  await ownerContext.close();

  const gone = await page.goto(assessmentPath);
  expect(gone?.status()).toBe(404);
  expect((await page.goto(gusLink))?.status()).toBe(200);
  await page.goto(portfolio);
  await expect(page.getByRole("region", { name: "1 of 1 client" }).getByRole("row", { name: /Pylon Energy/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Granite Foods" })).toHaveCount(0);
});

test("the demo consultancy's portfolio, heatmap and a comparison of two clients", async ({ page }) => {
  test.slow();
  await signInAsDemo(page);
  await page.goto("/orgs/demo-consulting/clients");
  const table = page.getByRole("region", { name: "7 of 7 clients" });
  await expect(table.getByRole("row", { name: /Harbor Logistics/ })).toContainText("3: Defined");
  await expect(table.getByRole("row", { name: /Meridian Health/ })).toContainText("Collecting answers");

  // Sorting by the latest index, highest first, puts Harbor Logistics on top.
  await table.getByRole("link", { name: "Latest index" }).click();
  await expect(table.getByRole("columnheader", { name: "Latest index" })).toHaveAttribute("aria-sort", "descending");
  await expect(table.getByRole("row").nth(1)).toContainText("Harbor Logistics");

  const heatmap = page.getByRole("region", { name: "Heatmap: clients by dimension" });
  await expect(heatmap.getByRole("row")).toHaveCount(7);
  await expect(heatmap.getByRole("columnheader", { name: "Organization and governance" })).toBeVisible();

  await page.getByLabel("Compare Harbor Logistics (sample data)").check();
  await page.getByLabel("Compare Atlas Energy (sample data)").check();
  await page.getByRole("button", { name: "Compare selected" }).click();
  const compare = page.getByRole("region", { name: "Compare 2 clients" });
  await expect(compare.getByRole("columnheader")).toHaveText(["Dimension", "Harbor Logistics (sample data)", "Atlas Energy (sample data)"]);
  await expect(page.locator(".series-chart canvas").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("button", { name: "Compare selected" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
