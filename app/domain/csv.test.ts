import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv.ts";

describe("csv", () => {
  it.each([
    ["plain", "plain"],
    ["=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["a, b", '"a, b"'],
    ["line\nbreak", '"line\nbreak"'],
    ["carriage\rreturn", '"carriage\rreturn"'],
    ["Müller; Sales", '"Müller; Sales"'],
    ["a;b", '"a;b"'],
    ["tab\tinside", '"tab\tinside"'],
    ["\tleading tab", `"'\tleading tab"`],
    ['say "hi"', '"say ""hi"""'],
    ["3,5", '"3,5"'],
  ])("%s → %s", (input, output) => {
    expect(csvCell(input)).toBe(output);
  });
  it("leaves numbers, including negative ones, as numbers", () => {
    expect(csvCell(-1)).toBe("-1");
    expect(csvCell(null)).toBe("");
    expect(toCsv(["a", "b"], [[1, "x"]])).toBe("a,b\r\n1,x\r\n");
  });
});
