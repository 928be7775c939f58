import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type BrowserContext, type Page } from "@playwright/test";

let counter = 0;

export interface Account {
  name: string;
  email: string;
  password: string;
}

export interface NewAccount {
  name: string;
  email?: string;
  /** The browser context to sign in; the test's own by default. */
  context?: BrowserContext;
}

export interface NewOrganization {
  name: string;
  industry?: string;
  sizeBand?: string;
  region?: string;
  kind?: "company" | "consultancy";
}

export interface AccountFixtures {
  /** A new account, signed in in the browser context, made through the app's sign-up endpoint. */
  signedInUser: (account: NewAccount) => Promise<Account>;
  /** As signedInUser, and the owner of a new organization, at `orgPath`. */
  signedInOwner: (account: NewAccount & { organization: string | NewOrganization }) => Promise<Account & { orgPath: string }>;
}

/**
 * Signs up and then signs in through the form endpoints the pages post to, without the pages:
 * the app hashes the password and creates the user; sign-up signs nobody in (it answers the same
 * for a taken address), so signing in sets the session cookie, which the context's request
 * client keeps in the browser context's cookie jar. The server runs on PGlite in its own
 * process, so a test cannot write to its database directly.
 */
async function signUpThroughHttp(context: BrowserContext, baseURL: string, name: string, email: string): Promise<Account> {
  const headers = { Origin: new URL(baseURL).origin };
  const signedUp = await context.request.post("/signup", { form: { name, email, password: PASSWORD, redirectTo: "" }, headers, maxRedirects: 0 });
  expect(signedUp.status(), `sign-up of ${email}`).toBe(302);
  expect(signedUp.headers()["location"]).toBe(AFTER_SIGN_UP);
  const signedIn = await context.request.post("/signin", { form: { email, password: PASSWORD, redirectTo: "/orgs" }, headers, maxRedirects: 0 });
  expect(signedIn.status(), `sign-in of ${email}`).toBe(302);
  expect(signedIn.headers()["location"]).toBe("/orgs");
  return { name, email, password: PASSWORD };
}

/** Where sign-up sends everyone: the sign-in page, saying to check the mail, and on to the organizations. */
export const AFTER_SIGN_UP = "/signin?checkEmail=1&redirectTo=%2Forgs";

/** Creates an organization the way the new-organization form does, and answers its path. */
async function createOrganizationThroughHttp(context: BrowserContext, baseURL: string, organization: NewOrganization): Promise<string> {
  const response = await context.request.post("/orgs/new", {
    form: {
      name: organization.name,
      industry: organization.industry ?? "Manufacturing",
      sizeBand: organization.sizeBand ?? "250–999",
      region: organization.region ?? "Europe",
      kind: organization.kind ?? "company",
    },
    headers: { Origin: new URL(baseURL).origin },
    maxRedirects: 0,
  });
  expect(response.status(), `organization ${organization.name}`).toBe(302);
  const location = response.headers()["location"]!;
  expect(location).toMatch(/^\/orgs\/[a-z0-9-]+(\/clients)?$/);
  return location.replace(/\/clients$/, "");
}

export const test = base.extend<AccountFixtures>({
  signedInUser: async ({ context, baseURL }, use) => {
    await use(({ name, email = uniqueEmail("user"), context: target = context }) => signUpThroughHttp(target, baseURL!, name, email));
  },
  signedInOwner: async ({ context, baseURL }, use) => {
    await use(async ({ name, email = uniqueEmail("owner"), context: target = context, organization }) => {
      const account = await signUpThroughHttp(target, baseURL!, name, email);
      const orgPath = await createOrganizationThroughHttp(target, baseURL!, typeof organization === "string" ? { name: organization } : organization);
      return { ...account, orgPath };
    });
  },
  // Every test is a different client address, so the sign-in rate limit of one test
  // never touches another.
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
  extraHTTPHeaders: async ({}, use, testInfo) => {
    const n = testInfo.workerIndex * 10_000 + (counter += 1);
    await use({ "X-Forwarded-For": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` });
  },
});

export { expect };

export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

export const PASSWORD = "correct-horse-battery";

/** Signs up on the sign-up page, then signs in where it leads, as a new person does. */
export async function signUp(page: Page, name: string, email: string, password = PASSWORD) {
  await page.goto("/signup");
  await submitSignUp(page, name, email, password);
  await signInAfterSignUp(page, email, password);
  await expect(page).toHaveURL(/\/orgs$/);
}

/** Fills in and sends the sign-up form on the page that shows it. */
export async function submitSignUp(page: Page, name: string, email: string, password = PASSWORD) {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** On the sign-in page sign-up leads to, whether or not the address had an account: check the mail, or sign in now. */
export async function signInAfterSignUp(page: Page, email: string, password = PASSWORD) {
  await expect(page).toHaveURL(/\/signin\?checkEmail=1/);
  await expect(page.getByRole("status")).toHaveText(/^Check your email: we sent a mail about your account/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in as the demo user that `npm start` creates on a fresh database. */
export async function signInAsDemo(page: Page) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("demo@example.com");
  await page.getByLabel("Password").fill("kam-demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/orgs/);
}

export async function createOrganization(page: Page, name: string) {
  await page.goto("/orgs/new");
  await page.getByLabel("Organization name").fill(name);
  await page.getByLabel("Industry").selectOption("Manufacturing");
  await page.getByLabel("Size (employees)").selectOption("250–999");
  await page.getByLabel("Region").selectOption("Europe");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Fails on any serious or critical axe violation of the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}
