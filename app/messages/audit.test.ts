import { describe, expect, it } from "vitest";
import { describeAuditEntry } from "./audit.ts";

describe("describeAuditEntry", () => {
  it.each([
    [{ action: "membership.role_changed", details: { from: "member", to: "program_lead" }, actorName: "Ann", subjectName: "Bo" }, "Ann changed Bo's role from Member to Program lead."],
    [{ action: "invitation.accepted", details: { role: "viewer" }, actorName: "Cy", subjectName: null }, "Cy joined through an invitation as Viewer."],
    [{ action: "assessment.reassessment_started", details: { respondents: 3 }, actorName: "Di", subjectName: null }, "Di started a re-assessment with 3 respondents invited again."],
    [{ action: "membership.removed", details: {}, actorName: null, subjectName: null }, "A former member removed a former member from the organization."],
  ])("%o", (entry, sentence) => {
    expect(describeAuditEntry(entry)).toBe(sentence);
  });
});
