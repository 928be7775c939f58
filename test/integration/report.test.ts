import { beforeAll, describe, expect, it } from "vitest";
import { loader as reportLoader } from "#app/routes/orgs.$slug.assessments.$assessmentId_.report[.pdf].ts";
import { loadReport } from "#app/services/report.server.ts";
import { acceptRoadmap } from "#app/services/roadmap-plans.server.ts";
import { closedAssessmentWith, createOwner, levelsFor, loadQuestionnaires, makeRequest, SELECTION_QUESTIONS, settle, sharedWorld, testContext } from "#test/factories.ts";

const LONG_COMMENT = "x".repeat(400);

/** Three respondents in three functions answer the selection dimension at levels 2, 3 and 4. */
const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const { membership: owner, cookie: ownerCookie } = await createOwner({ organization: "Report Org" });
  const { cookie: outsiderCookie } = await createOwner();

  const [first, second] = SELECTION_QUESTIONS;
  const { assessment } = await closedAssessmentWith(owner, {
    title: "Board Review 2026",
    targetProfile: { selection: 5 },
    respondents: [
      { name: "A", function: "sales", levels: levelsFor(SELECTION_QUESTIONS, 2), comments: { [first]: "Criteria exist on paper only.", [second]: LONG_COMMENT } },
      { name: "B", function: "finance", levels: levelsFor(SELECTION_QUESTIONS, 3), comments: { [first]: "We review the list once a year.", [second]: "Yet another comment." } },
      { name: "C", function: "kam", levels: levelsFor(SELECTION_QUESTIONS, 4) },
    ],
  });
  return { owner, ownerCookie, outsiderCookie, assessmentId: assessment.id };
});

beforeAll(world.build);

describe("PDF report", () => {
  it("carries the results as scored: index, gaps against the organization's target, comments cut and capped", async () => {
    const { owner, assessmentId } = await world();
    const report = await loadReport(owner, assessmentId);
    expect(report.organization).toBe("Report Org");
    expect(report.provisional).toBe(false);
    const selection = report.sections.find((s) => s.row.id === "selection")!;
    // Every respondent answers all five questions at one level: scores 2, 3 and 4, mean 3.
    expect(selection.row.score).toBe(3);
    expect(selection.row.target).toBe(5);
    expect(selection.row.gap).toBe(2);
    expect(selection.row.n).toBe(3);
    // Only selection is scored, so the index is its score and it is the only ranked gap.
    expect(report.view.index).toBe(3);
    expect(report.view.dimensions.filter((d) => d.rank !== null).map((d) => d.id)).toEqual(["selection"]);
    // One person in each of three functions: no group of 3 apart from everyone, so no breakdown.
    expect(report.view.functions).toEqual([]);
    expect(report.view.privacy.notes).toEqual([
      "No breakdown by function is shown: fewer than two groups of at least 3 respondents can be formed without letting a smaller group be worked out from the total.",
    ]);
    // Comments in question order, each question's in alphabetical order (never in the order of
    // the respondents): A's and B's on the first question, then A's long one (cut to 280
    // characters) on the second; B's "Yet another comment." would be the fourth.
    expect(selection.comments).toHaveLength(3);
    expect(selection.comments.slice(0, 2)).toEqual(["Criteria exist on paper only.", "We review the list once a year."]);
    expect(selection.comments[2]!.startsWith("x")).toBe(true);
    expect(selection.comments[2]).toHaveLength(280);
    expect(report.sections.find((s) => s.row.id === "strategy")!.row.score).toBeNull();
  });

  it("downloads as a PDF with a title page, summary, profile, perception, one page per dimension and methods", async () => {
    const { owner, ownerCookie, assessmentId } = await world();
    const result = await reportLoader({
      request: makeRequest(`/orgs/${owner.organization.slug}/assessments/${assessmentId}/report.pdf`, { cookie: ownerCookie }),
      params: { slug: owner.organization.slug, assessmentId },
      context: testContext(),
    });
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toBe("application/pdf");
    expect(result.headers.get("Content-Disposition")).toBe('attachment; filename="kam-report-board-review-2026.pdf"');
    const bytes = Buffer.from(await result.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = bytes.toString("latin1").match(/\/Type \/Page\b/g) ?? [];
    expect(pages).toHaveLength(4 + 11 + 1); // title, summary, profile, perception; 11 dimensions; methods
  });

  it("adds a roadmap page once a roadmap is generated from the assessment", async () => {
    const { owner, ownerCookie, assessmentId } = await world();
    await acceptRoadmap(owner, assessmentId, { startDate: "2026-02-02", capacity: 2, title: "Board roadmap" });
    const report = await loadReport(owner, assessmentId, new Date("2026-02-02T09:00:00Z"));
    // On its first day: only the analysis milestone done at generation, nothing overdue or blocked.
    expect(report.roadmap).toMatchObject({ title: "Board roadmap", startDate: "2026-02-02", asOf: "2026-02-02", currentPhase: "knowledge", done: 1, overdue: 0, blocked: 0 });
    expect(report.roadmap!.phases.map((p) => p.phase)).toEqual(["knowledge", "design", "implementation"]);
    expect(report.roadmap!.next).toHaveLength(5);
    expect(report.roadmap!.next.map((m) => m.due)).toEqual([...report.roadmap!.next.map((m) => m.due)].sort());
    const result = await reportLoader({
      request: makeRequest(`/orgs/${owner.organization.slug}/assessments/${assessmentId}/report.pdf`, { cookie: ownerCookie }),
      params: { slug: owner.organization.slug, assessmentId },
      context: testContext(),
    });
    const bytes = Buffer.from(await result.arrayBuffer());
    expect(bytes.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(4 + 1 + 11 + 1); // ... perception, roadmap, 11 dimensions, methods
  });

  it("is a 404 for a member of another organization", async () => {
    const { owner, outsiderCookie, assessmentId } = await world();
    const result = await settle(
      reportLoader({
        request: makeRequest(`/orgs/${owner.organization.slug}/assessments/${assessmentId}/report.pdf`, { cookie: outsiderCookie }),
        params: { slug: owner.organization.slug, assessmentId },
        context: testContext(),
      }),
    );
    expect(result.status).toBe(404);
  });
});
