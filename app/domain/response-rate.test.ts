import { describe, expect, it } from "vitest";
import { responseRateByFunction, type CampaignPerson } from "./response-rate.ts";

const day = new Date("2026-12-01T09:00:00Z");
const person = (fn: CampaignPerson["function"], state: "new" | "asked" | "started" | "submitted"): CampaignPerson => ({
  function: fn,
  asked: state !== "new",
  startedAt: state === "started" || state === "submitted" ? day : null,
  submittedAt: state === "submitted" ? day : null,
});

describe("response rate by function", () => {
  it("counts each function's people, asked, started (submitted included) and submitted, in the functions' order, skipping empty ones", () => {
    const people = [
      person("marketing", "submitted"),
      person("sales", "new"),
      person("sales", "asked"),
      person("sales", "started"),
      person("sales", "submitted"),
      person("sales", "submitted"),
    ];
    // Sales: 5 people, 4 asked, 3 started (1 in progress + 2 submitted), 2 submitted: 1 more needed for 3.
    expect(responseRateByFunction(people, 3)).toEqual([
      { function: "sales", people: 5, asked: 4, started: 3, submitted: 2, missingForResults: 1 },
      { function: "marketing", people: 1, asked: 1, started: 1, submitted: 1, missingForResults: 2 },
    ]);
  });

  it("needs nothing more once the minimum group size has submitted", () => {
    const people = [person("kam", "submitted"), person("kam", "submitted")];
    expect(responseRateByFunction(people, 2)).toEqual([{ function: "kam", people: 2, asked: 2, started: 2, submitted: 2, missingForResults: 0 }]);
    expect(responseRateByFunction([], 3)).toEqual([]);
  });
});
