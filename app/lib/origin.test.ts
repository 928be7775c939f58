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
