import { describe, expect, it } from "vitest";
import { planRevocation, revocationCounts, type CreatedCredentials } from "./revocation.ts";

// One of each, with three respondent links: in use (started, open assessment), started in a
// closed assessment, and not started.
const created: CreatedCredentials = {
  invitations: [
    { id: "inv-member", role: "member" },
    { id: "inv-owner", role: "owner" },
  ],
  apiTokens: [{ id: "token" }],
  calendarFeeds: [{ roadmapId: "roadmap" }],
  respondentLinks: [
    { id: "in-use", started: true, assessmentOpen: true },
    { id: "started-closed", started: true, assessmentOpen: false },
    { id: "unstarted", started: false, assessmentOpen: true },
  ],
  engagementOffers: [{ id: "offer" }],
};

const ALL_LINKS = ["in-use", "started-closed", "unstarted"];

describe("planRevocation", () => {
  it.each([
    // remaining role, keep box, invitations, tokens, feeds, links revoked, offers, links kept, keepable
    [null, false, ["inv-member", "inv-owner"], ["token"], ["roadmap"], ALL_LINKS, ["offer"], [], 1],
    [null, true, ["inv-member", "inv-owner"], ["token"], ["roadmap"], ["started-closed", "unstarted"], ["offer"], ["in-use"], 1],
    // An owner demoted to admin keeps everything but what only owners create.
    ["admin", false, ["inv-owner"], [], [], [], ["offer"], [], 0],
    // A program lead still issues feeds and respondent links, but no invitations or tokens.
    ["program_lead", true, ["inv-member", "inv-owner"], ["token"], [], [], ["offer"], [], 0],
    ["member", false, ["inv-member", "inv-owner"], ["token"], ["roadmap"], ALL_LINKS, ["offer"], [], 1],
    ["viewer", true, ["inv-member", "inv-owner"], ["token"], ["roadmap"], ["started-closed", "unstarted"], ["offer"], ["in-use"], 1],
    ["owner", true, [], [], [], [], [], [], 0],
  ] as const)("remaining %s, keep %s", (remainingRole, keepStartedLinks, invitations, apiTokens, calendarFeeds, respondentLinks, engagementOffers, kept, keepable) => {
    const plan = planRevocation(created, { remainingRole, keepStartedLinks });
    expect(plan).toEqual({
      invitations,
      apiTokens,
      calendarFeeds,
      respondentLinks,
      engagementOffers,
      keptRespondentLinks: kept,
      keepableRespondentLinks: keepable,
    });
  });

  it("counts what it revokes, the kept links apart", () => {
    const plan = planRevocation(created, { remainingRole: null, keepStartedLinks: true });
    expect(revocationCounts(plan)).toEqual({ invitations: 2, apiTokens: 1, calendarFeeds: 1, respondentLinks: 2, engagementOffers: 1 });
  });

  it("revokes nothing when nothing was created", () => {
    const none: CreatedCredentials = { invitations: [], apiTokens: [], calendarFeeds: [], respondentLinks: [], engagementOffers: [] };
    expect(revocationCounts(planRevocation(none, { remainingRole: null, keepStartedLinks: true }))).toEqual({
      invitations: 0,
      apiTokens: 0,
      calendarFeeds: 0,
      respondentLinks: 0,
      engagementOffers: 0,
    });
  });
});
