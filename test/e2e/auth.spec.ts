import http from "node:http";
import { expect, PASSWORD, signUp, submitSignUp, test, uniqueEmail } from "./fixtures.ts";

test("a wrong password gives its own message and keeps the email", async ({ page }) => {
  const email = uniqueEmail("wrongpw");
  await signUp(page, "Wendy Wrong", email);
  await page.getByRole("button", { name: "Sign out" }).click();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-the-right-password");
  const response = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Sign in" }).click();
  expect((await response).status()).toBe(400);
  await expect(page.getByRole("alert")).toHaveText("The email or password is not correct.");
  await expect(page.getByLabel("Email")).toHaveValue(email);

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/orgs$/);
});

test("sign-up rejects a short password with its message, and answers a taken address as a new one", async ({ page }) => {
  const email = uniqueEmail("dupe");
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Sam Short");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 12 characters for your password.")).toBeVisible();

  await signUp(page, "Sam Short", email);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  // Nothing tells the second sign-up that the address has an account: it gets the page a new one gets.
  await page.goto("/signup");
  await submitSignUp(page, "Sam Again", email, `${PASSWORD}-again`);
  await expect(page).toHaveURL(/\/signin\?checkEmail=1/);
  await expect(page.getByRole("status")).toHaveText(/^Check your email/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(`${PASSWORD}-again`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The email or password is not correct.");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/orgs$/);
});

test("a new account works unconfirmed, with a banner that sends the link again", async ({ page }) => {
  const email = uniqueEmail("banner");
  await signUp(page, "Bea Banner", email);
  await expect(page.getByText(`Confirm your address: we sent a link to ${email}.`)).toBeVisible();
  await page.getByRole("button", { name: "Send it again" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("status")).toHaveText(`We sent the confirmation link again to ${email}.`);
});

test("the sign-in page leads to a reset form that answers the same for any address", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill(uniqueEmail("nobody"));
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toHaveText(/^If an account exists for that address, we sent it a link/);
});

test("ten failed sign-ins for an email lock it for 15 minutes with status 429", async ({ page }) => {
  const email = uniqueEmail("locked");
  await signUp(page, "Larry Locked", email);
  await page.getByRole("button", { name: "Sign out" }).click();

  for (let attempt = 1; attempt <= 10; attempt += 1) {
    await page.getByLabel("Password").fill(`wrong-password-${attempt}`);
    await page.getByLabel("Email").fill(email);
    const response = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Sign in" }).click();
    expect((await response).status()).toBe(400);
  }
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  const response = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Sign in" }).click();
  expect((await response).status()).toBe(429);
  await expect(page.getByRole("alert")).toContainText("Too many failed sign-in attempts");
});

test("a form posted from another site is refused with 403", async ({ page, baseURL }) => {
  const response = await page.request.post(`${baseURL}/signin`, {
    form: { email: "someone@example.com", password: "whatever-it-is" },
    headers: { Origin: "https://evil.example" },
  });
  expect(response.status()).toBe(403);
});

test("pages carry the security headers and a per-request script nonce", async ({ page }) => {
  const first = await page.goto("/signin");
  const headers = first!.headers();
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  const nonce = headers["content-security-policy"]!.match(/'nonce-([^']+)'/)![1];
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  const second = await page.goto("/signin");
  expect(second!.headers()["content-security-policy"]).not.toContain(nonce);
});

test("a form body over 1 MB is refused with 413 by the server, declared or streamed, before it is read whole", async ({ baseURL }) => {
  const { port } = new URL(baseURL!);
  const headers = { Origin: baseURL!, "Content-Type": "application/x-www-form-urlencoded" };
  const fiftyMegabytes = 50 * 1024 * 1024;
  // Sends at most 50 MB in 64 KB chunks, stopping when the answer comes.
  const post = (extraHeaders: Record<string, string | number>, send: boolean) =>
    new Promise<{ status: number; connection?: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const request = http.request({ port, method: "POST", path: "/signin", headers: { ...headers, ...extraHeaders } });
      request.on("response", (response) => {
        answered = true;
        response.resume();
        response.on("end", () => {
          resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, sent });
          request.destroy();
        });
      });
      request.on("error", (error) => (answered ? undefined : reject(error)));
      request.flushHeaders();
      if (!send) return;
      const chunk = Buffer.alloc(64 * 1024, "a");
      const write = () => {
        while (!answered && sent < fiftyMegabytes) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once("drain", write);
        }
        if (!answered) request.end();
      };
      write();
    });

  const declared = await post({ "Content-Length": fiftyMegabytes }, false);
  expect(declared).toEqual({ status: 413, connection: "close", sent: 0 });
  // The server closes the connection right after its 413, while the client is still writing:
  // the client may then see its write refused (EPIPE, ECONNRESET) before it reads the answer.
  // That too shows the server stopped reading early; a few tries get the answer itself.
  let streamed: Awaited<ReturnType<typeof post>> | undefined;
  for (let attempt = 0; attempt < 5 && !streamed; attempt++) {
    streamed = await post({ "Transfer-Encoding": "chunked" }, true).catch((error: NodeJS.ErrnoException) => {
      expect(["EPIPE", "ECONNRESET"]).toContain(error.code);
      return undefined;
    });
  }
  expect(streamed?.status).toBe(413);
  expect(streamed?.connection).toBe("close");
  expect(streamed?.sent).toBeLessThan(fiftyMegabytes);
});
