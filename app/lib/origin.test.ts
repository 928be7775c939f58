import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "./origin.ts";

const expectedOrigin = "http://localhost:3000";

describe("isAllowedOrigin", () => {
  it.each([
    ["GET", null, null, true],
    ["HEAD", "https://evil.example", null, true],
    ["POST", "http://localhost:3000", null, true],
    ["POST", "https://evil.example", "http://localhost:3000/signin", false],
    ["POST", "http://localhost:3001", null, false],
    ["POST", null, "http://localhost:3000/orgs/new", true],
    ["POST", null, "https://evil.example/x", false],
    ["POST", null, null, false],
    ["DELETE", null, "not a url", false],
    ["put", "http://localhost:3000", null, true],
  ])("%s with Origin %s and Referer %s: %s", (method, origin, referer, allowed) => {
    expect(isAllowedOrigin({ method, origin, referer, expectedOrigin })).toBe(allowed);
  });
});

describe("isAllowedOrigin for API clients", () => {
  const base = { method: "PATCH", origin: null, referer: null, expectedOrigin };
  it("lets a bearer-token request without a cookie through, from anywhere", () => {
    expect(isAllowedOrigin({ ...base, authorization: "Bearer kam_abc" })).toBe(true);
    expect(isAllowedOrigin({ ...base, origin: "https://tool.example", authorization: "bearer kam_abc" })).toBe(true);
  });
  it("still checks the origin when a cookie comes along or the header is no bearer token", () => {
    expect(isAllowedOrigin({ ...base, origin: "https://evil.example", authorization: "Bearer kam_abc", cookie: "session=x" })).toBe(false);
    expect(isAllowedOrigin({ ...base, authorization: "Bearer " })).toBe(false);
    expect(isAllowedOrigin({ ...base, authorization: "Basic dXNlcjpwdw==" })).toBe(false);
  });
});

describe("isAllowedOrigin for one-click unsubscribe (RFC 8058)", () => {
  const base = { method: "POST", origin: null, referer: null, expectedOrigin };
  it("lets a mail client's post to an unsubscribe address through without Origin or cookie", () => {
    expect(isAllowedOrigin({ ...base, pathname: "/unsubscribe/abc123" })).toBe(true);
  });
  it("checks the origin of any other address, and of an unsubscribe post that carries a cookie", () => {
    expect(isAllowedOrigin({ ...base, pathname: "/unsubscribe/abc123/more" })).toBe(false);
    expect(isAllowedOrigin({ ...base, pathname: "/orgs/new" })).toBe(false);
    expect(isAllowedOrigin({ ...base, origin: "https://evil.example", pathname: "/unsubscribe/abc123", cookie: "session=x" })).toBe(false);
  });
});
