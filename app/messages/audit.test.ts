import { describe, expect, it } from "vitest";
import { describeAuditEntry } from "./audit.ts";

describe("describeAuditEntry", () => {
  it.each([
    [{ action: "membership.role_changed", details: { from: "member", to: "program_lead" }, actorName: "Ann", subjectName: "Bo" }, "Ann changed Bo's role from Member to Program lead."],
    [{ action: "invitation.accepted", details: { role: "viewer" }, actorName: "Cy", subjectName: null }, "Cy joined through an invitation as Viewer."],
    [{ action: "assessment.reassessment_started", details: { respondents: 3 }, actorName: "Di", subjectName: null }, "Di started a re-assessment with 3 respondents invited again."],
    [{ action: "membership.removed", details: {}, actorName: null, subjectName: null }, "A former member removed a former member from the organization."],
    [
      { action: "membership.removed", details: { revoked: { invitations: 1, apiTokens: 2, calendarFeeds: 0, respondentLinks: 3, engagementOffers: 0, kept: 1 } }, actorName: "Ann", subjectName: "Bo" },
      "Ann removed Bo from the organization. Revoked: 1 invitation, 2 API tokens and 3 respondent links. Kept 1 respondent link people had started using.",
    ],
    [
      { action: "engagement.ended", details: { consultancy: "Keystone", client: "Granite", revoked: { invitations: 0, calendarFeeds: 1, respondentLinks: 0, kept: 2 } }, actorName: "Gina", subjectName: null },
      "Gina ended Keystone's engagement for Granite. Revoked: 1 calendar feed. Kept 2 respondent links people had started using.",
    ],
    [
      { action: "credentials.revoked", details: { consultancy: "Keystone", left: false, revoked: { respondentLinks: 2 } }, actorName: "Fern", subjectName: "Cleo" },
      "Fern removed Cleo from Keystone; what Cleo created here through it stopped working. Revoked: 2 respondent links.",
    ],
    [
      { action: "credentials.revoked", details: { consultancy: "Keystone", left: true, revoked: { invitations: 1 } }, actorName: "Cleo", subjectName: "Cleo" },
      "Cleo left Keystone; what they created here through it stopped working. Revoked: 1 invitation.",
    ],
  ])("%o", (entry, sentence) => {
    expect(describeAuditEntry(entry)).toBe(sentence);
  });
});
