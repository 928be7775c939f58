import { describe, expect, it } from "vitest";
import { findNul } from "./nul.ts";

describe("findNul", () => {
  it("names the first string with NUL, in the order the fields come", () => {
    expect(findNul({ a: "fine", b: ["ok", "x\u0000"], c: "\u0000" })).toBe("b.1");
    expect(findNul({ ["k\u0000"]: "fine" })).toBe("key");
    expect(findNul({ a: { ["k\u0000"]: 1 } })).toBe("a.key");
    expect(findNul("\u0000")).toBe("body");
    expect(findNul({ a: [1, null, true, "fine"] })).toBeNull();
  });

  it("walks 20,000 levels of nesting without overflowing the call stack", () => {
    const levels = 20_000;
    const deep = JSON.parse("[".repeat(levels) + '"\\u0000"' + "]".repeat(levels)) as unknown;
    expect(findNul(deep)).toBe(Array.from({ length: levels }, () => "0").join("."));
  });
});
