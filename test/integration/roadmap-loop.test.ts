import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { listItems } from "#db/queries/roadmaps.ts";
import { roadmapGateChecks, roadmapNotes, roadmapItems, roadmaps } from "#db/schema/index.ts";
import type { AnswerSave } from "#app/domain/assessments.ts";
import { loader as calendarFeedLoader } from "#app/routes/calendar.$token.roadmap[.ics].ts";
import { loader as csvLoader } from "#app/routes/orgs.$slug.roadmaps.$roadmapId_.export[.csv].ts";
import { action as calendarAction } from "#app/routes/orgs.$slug.roadmaps.$roadmapId_.calendar.tsx";
import { action as regenerateAction, loader as regenerateLoader } from "#app/routes/orgs.$slug.roadmaps.$roadmapId_.regenerate.tsx";
import { closeAssessment, createAssessment, inviteRespondents, openAssessment, startReassessment } from "#app/services/assessments.server.ts";
import { issueMissingLinks } from "#app/services/assessment-respondents.server.ts";
import { requireRespondent, saveAnswers } from "#app/services/respondents.server.ts";
import { requireRoadmap } from "#app/services/roadmap-access.server.ts";
import { loadRoadmapDashboard } from "#app/services/roadmap-dashboard.server.ts";
import { issueCalendarFeed, revokeCalendarFeed } from "#app/services/roadmap-exports.server.ts";
import { setGateCriterion } from "#app/services/roadmap-gates.server.ts";
import { addCustomItem, addRoadmapNote, updateRoadmapItem } from "#app/services/roadmap-items.server.ts";
import { acceptRegeneration, loadRegeneration, loadRoadmapLoop, previewRegeneration } from "#app/services/roadmap-loop.server.ts";
import { acceptRoadmap } from "#app/services/roadmap-plans.server.ts";
import { createMember, createOwner, createUser, loadQuestionnaires, makeRequest, sessionCookie, settle, sharedWorld, testContext } from "#test/factories.ts";

type User = Awaited<ReturnType<typeof createUser>>;

/** One respondent answers every question of the dimensions given at the level given. */
async function answer(token: string, levels: Record<string, number>) {
  const context = await requireRespondent(token);
  const saves: AnswerSave[] = context.version.questions
    .filter((q) => levels[q.dimension] !== undefined)
    .map((q, i) => ({ questionId: q.id, choice: "level", level: levels[q.dimension]!, comment: null, sequence: i + 1 }));
  await saveAnswers(context, saves);
}

const START = "2026-01-05";

/**
 * Paula's organization, with Mia (member) and Vic (viewer), and a roadmap accepted from its
 * closed baseline: selection at 1 (gap 3 to its target 4), strategy at 3 (gap 1); nothing else answered.
 */
async function loopOrganization() {
  const { user: ownerUser, organization: org, membership: owner } = await createOwner({ name: "Paula Lead", organization: "Loop Org" });
  const { user: mia } = await createMember(org, "member", { name: "Mia Member" });
  const { user: viewerUser } = await createMember(org, "viewer", { name: "Vic Viewer" });
  const baseline = await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Baseline 2026", targetProfile: null });
  // Three people answering alike: the fewest whose scores may be shown.
  const people = await inviteRespondents(owner, baseline.id, ["Ada Lind", "Bo Berg", "Cai Dahl"].map((name) => ({ name, email: null, function: "sales" as const })));
  await openAssessment(owner, baseline.id);
  for (const person of people) await answer(person.token, { selection: 1, strategy: 3 });
  await closeAssessment(owner, baseline.id);
  const roadmapId = (await acceptRoadmap(owner, baseline.id, { startDate: START, capacity: 3, title: "KAM transformation" })).id;
  return { owner, ownerUser, mia, viewerUser, slug: org.slug, baselineId: baseline.id, roadmapId };
}

type Loop = Awaited<ReturnType<typeof loopOrganization>>;

/** Tracks the plan: statuses, owners, dates, a blocked milestone, notes, a custom initiative and a custom milestone, a gate. */
async function track({ owner, ownerUser, mia, roadmapId }: Loop) {
  const items = (await listItems(getDb(), roadmapId)).map((r) => r.item);
  const byKey = (key: string) => items.find((i) => i.key === key)!;
  const selection = byKey("selection-official-list");
  const selectionMilestone = items.find((i) => i.parentId === selection.id)!;
  const knowledge = byKey("analyze-current-state");
  const strategy = byKey("strategy-power-congruence");
  const strategyMilestone = items.find((i) => i.parentId === strategy.id)!;

  await updateRoadmapItem(owner, roadmapId, knowledge.id, { status: "done" });
  await updateRoadmapItem(owner, roadmapId, selection.id, { status: "in_progress", ownerId: mia.id, dueDate: "2026-06-30" });
  await updateRoadmapItem(owner, roadmapId, selectionMilestone.id, { status: "done" });
  await updateRoadmapItem(owner, roadmapId, strategyMilestone.id, { status: "blocked", blockedReason: "Waiting for the CEO", ownerId: ownerUser.id });
  await updateRoadmapItem(owner, roadmapId, strategy.id, { status: "in_progress", dueDate: "2026-09-01" });
  await addRoadmapNote(owner, roadmapId, selection.id, { kind: "evidence", body: "The list was approved on 3 March." });
  await addRoadmapNote(owner, roadmapId, strategy.id, { kind: "comment", body: "Start with the top five accounts." });
  const customInitiative = await addCustomItem(owner, roadmapId, {
    title: "Pilot with two accounts",
    description: "Our own idea.",
    phase: "design",
    parentId: null,
    dueDate: "2026-05-15",
    dependsOn: [],
  });
  const customMilestone = await addCustomItem(owner, roadmapId, {
    title: "Board sign-off",
    description: "Minutes filed.",
    phase: "design",
    parentId: selection.id,
    dueDate: "2026-04-01",
    dependsOn: [],
  });
  await setGateCriterion(owner, roadmapId, "knowledge", "case-for-change", true);
  return { byKey, customInitiative, customMilestone };
}

/** A closed re-assessment with the same people: selection now 4 (gap closed), strategy still 3, teams 2 (a new gap). */
async function closedReassessment({ owner, baselineId }: Loop) {
  const reassessment = await startReassessment(owner, baselineId, "Re-assessment 2027");
  const links = await issueMissingLinks(owner, reassessment.id);
  await openAssessment(owner, reassessment.id);
  for (const link of links) await answer(link.token, { selection: 4, strategy: 3, teams: 2 });
  await closeAssessment(owner, reassessment.id);
  return { reassessment, links };
}

/** A loop organization whose tracked roadmap has been regenerated from its closed re-assessment. */
async function regeneratedLoop() {
  const loop = await loopOrganization();
  await track(loop);
  const { reassessment } = await closedReassessment(loop);
  await acceptRegeneration(loop.owner, loop.roadmapId, reassessment.id);
  return { ...loop, reassessmentId: reassessment.id };
}

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const { membership: outsider } = await createOwner();
  const foreign = await createAssessment(outsider, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Foreign", targetProfile: null });
  await openAssessment(outsider, foreign.id);
  await closeAssessment(outsider, foreign.id);
  return { outsider, foreignClosedId: foreign.id, fresh: await loopOrganization(), regenerated: await regeneratedLoop() };
});
beforeAll(world.build);

describe("closing the loop", () => {
  it("has nothing to regenerate from until a re-assessment is closed, and measures no change yet", async () => {
    const { owner, roadmapId, baselineId } = (await world()).fresh;
    const loop = await loadRoadmapLoop(owner, await requireRoadmap(owner, roadmapId));
    expect(loop.regenerateFrom).toBeNull();
    expect(loop.latest?.id).toBe(baselineId);
    // Index by hand: (1 × 1.2 + 3 × 1.2) / 2.4 = 2.0. The plan steps selection 1 → 4 and strategy
    // 3 → 4 (effects 1 + 0.6 + 0.5 + 0.4 + 0.5 and 0.5 + 0.5, capped at the targets): projected 4.0.
    expect(loop.change?.index).toEqual({ baseline: 2, measured: 2, change: 0, projected: 4 });
    expect(loop.change?.rows.find((r) => r.id === "selection")).toMatchObject({ baseline: 1, measured: 1, change: 0, projected: 4 });
  });

  it("regenerates from a better re-assessment without losing anything tracked", async () => {
    await world();
    const loopOrg = await loopOrganization();
    const { owner, roadmapId, baselineId } = loopOrg;
    const db = getDb();
    const { byKey, customInitiative, customMilestone } = await track(loopOrg);
    const before = (await listItems(db, roadmapId)).map((r) => r.item);
    const notesBefore = await db.select().from(roadmapNotes).orderBy(roadmapNotes.createdAt);
    const gateChecks = () => db.select().from(roadmapGateChecks).where(eq(roadmapGateChecks.roadmapId, roadmapId)).orderBy(roadmapGateChecks.phase, roadmapGateChecks.criterionId);
    const gatesBefore = await gateChecks();

    const { reassessment, links } = await closedReassessment(loopOrg);
    expect(links).toHaveLength(3);

    const loop = await loadRoadmapLoop(owner, await requireRoadmap(owner, roadmapId));
    expect(loop.regenerateFrom).toEqual({ id: reassessment.id, title: "Re-assessment 2027" });

    const preview = await loadRegeneration(owner, roadmapId, reassessment.id);
    const selectionKeys = ["selection-official-list", "selection-criteria", "selection-apply-criteria", "selection-scoring-and-tiers", "selection-tier-rollout"];
    expect(preview.noLongerNeeded.map((i) => i.title).sort()).toEqual(selectionKeys.map((k) => byKey(k).title).sort());
    expect(preview.added.map((i) => i.key).sort()).toEqual(["teams-commitments-and-capacity", "teams-quarterly-reviews", "teams-rollout", "teams-team-model"]);
    expect(preview.unchanged).toHaveLength(5 + 2); // the knowledge phase and strategy's two
    expect(preview.custom.map((c) => c.title)).toEqual(["Pilot with two accounts"]);

    const diff = await acceptRegeneration(owner, roadmapId, reassessment.id);
    expect(diff.added).toHaveLength(4);

    const after = (await listItems(db, roadmapId)).map((r) => r.item);
    const kept = ["status", "ownerId", "startDate", "dueDate", "blockedReason", "completedAt", "title", "description", "position", "parentId", "custom", "removedAt"] as const;
    for (const item of before) {
      const now = after.find((i) => i.id === item.id)!;
      for (const field of kept) expect([item.key, field, now[field]]).toEqual([item.key, field, item[field]]);
    }
    const flagged = after.filter((i) => i.noLongerNeeded);
    const selectionIds = new Set(selectionKeys.map((k) => byKey(k).id));
    // The five selection initiatives and their generated milestones; the custom milestone under one stays in the plan.
    expect(flagged.filter((i) => i.kind === "initiative").map((i) => i.key).sort()).toEqual([...selectionKeys].sort());
    expect(flagged.filter((i) => i.kind === "milestone").every((m) => selectionIds.has(m.parentId!) && !m.custom)).toBe(true);
    expect(flagged.filter((i) => i.kind === "milestone")).toHaveLength(before.filter((i) => selectionIds.has(i.parentId ?? "") && !i.custom).length);
    expect(after.find((i) => i.id === customMilestone.id)!.noLongerNeeded).toBe(false);
    expect(after.find((i) => i.id === customInitiative.id)!.noLongerNeeded).toBe(false);
    expect(after.filter((i) => i.key.startsWith("teams-") && i.kind === "initiative")).toHaveLength(4);
    expect(after.filter((i) => !before.some((b) => b.id === i.id)).every((i) => i.key.startsWith("teams-"))).toBe(true);

    expect(await db.select().from(roadmapNotes).orderBy(roadmapNotes.createdAt)).toEqual(notesBefore);
    expect(await gateChecks()).toEqual(gatesBefore);
    const [stored] = await db.select().from(roadmaps).where(eq(roadmaps.id, roadmapId));
    expect(stored).toMatchObject({ baselineAssessmentId: baselineId, assessmentId: reassessment.id });

    // Measured: (4 × 1.2 + 3 × 1.2 + 2 × 1.1) / 3.5 = 3.03 → 3.0; the new plan projects all three at 4.
    const measured = await loadRoadmapLoop(owner, await requireRoadmap(owner, roadmapId));
    expect(measured.regenerateFrom).toBeNull();
    expect(measured.change?.index).toEqual({ baseline: 2, measured: 3, change: 1, projected: 4 });
    expect(measured.change?.rows.find((r) => r.id === "selection")).toMatchObject({ baseline: 1, measured: 4, change: 3 });
    expect(measured.change?.rows.find((r) => r.id === "teams")).toMatchObject({ baseline: null, measured: 2, change: null, projected: 4 });

    // Accepting again changes nothing: the roadmap now comes from the newest assessment.
    await expect(acceptRegeneration(owner, roadmapId, reassessment.id)).rejects.toMatchObject({ status: 400 });
  });

  it("refuses an older, an open or a foreign assessment", async () => {
    const { outsider, foreignClosedId, regenerated } = await world();
    const { owner, ownerUser, viewerUser, slug, baselineId, roadmapId, reassessmentId } = regenerated;
    await expect(previewRegeneration(owner, roadmapId, baselineId)).rejects.toMatchObject({ status: 400 });
    await expect(previewRegeneration(owner, roadmapId, foreignClosedId)).rejects.toMatchObject({ status: 404 });
    await expect(previewRegeneration(outsider, roadmapId, reassessmentId)).rejects.toMatchObject({ status: 404 });
    const open = await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Still open", targetProfile: null });
    await openAssessment(owner, open.id);
    await expect(previewRegeneration(owner, roadmapId, open.id)).rejects.toMatchObject({ status: 400 });

    const page = async (user: User, assessmentId: string, method: "GET" | "POST" = "GET") => {
      const request = makeRequest(`/orgs/${slug}/roadmaps/${roadmapId}/regenerate?assessment=${assessmentId}`, {
        cookie: await sessionCookie(user),
        ...(method === "POST" ? { form: { assessment: assessmentId } } : {}),
      });
      const args = { request, params: { slug, roadmapId }, context: testContext() };
      return settle(method === "GET" ? regenerateLoader(args) : regenerateAction(args));
    };
    expect((await page(ownerUser, baselineId)).status).toBe(400);
    expect((await page(ownerUser, foreignClosedId)).status).toBe(404);
    expect((await page(ownerUser, foreignClosedId, "POST")).status).toBe(404);
    expect((await page(ownerUser, baselineId, "POST")).status).toBe(400);
    expect((await page(viewerUser, reassessmentId)).status).toBe(403);
    expect((await page(outsider.user as User, reassessmentId)).status).toBe(404);
  });
});

describe("exports", () => {
  it("downloads every initiative and milestone as CSV, with formulas neutralized", async () => {
    const { outsider } = await world();
    const { owner, viewerUser, slug, roadmapId } = await regeneratedLoop();
    await addCustomItem(owner, roadmapId, { title: '=HYPERLINK("http://x","y")', description: "", phase: "implementation", parentId: null, dueDate: null, dependsOn: [] });
    const response = await csvLoader({
      request: makeRequest(`/orgs/${slug}/roadmaps/${roadmapId}/export.csv`, { cookie: await sessionCookie(viewerUser) }),
      params: { slug, roadmapId },
      context: testContext(),
    });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="roadmap-kam-transformation.csv"');
    const lines = (await response.text()).split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines[0]).toBe("kind,key,initiative,title,phase,dimension,owner,start,due,status,blocked reason,custom,no longer needed,removed");
    const stored = await getDb().select().from(roadmapItems).where(eq(roadmapItems.roadmapId, roadmapId));
    expect(lines.length - 2).toBe(stored.length);
    expect(lines.filter((l) => l.startsWith("initiative,"))).toHaveLength(stored.filter((i) => i.kind === "initiative").length);
    // The formula becomes text: an apostrophe first, quoted because of its quotes and comma.
    expect(lines.some((l) => l.includes(`"'=HYPERLINK(""http://x"",""y"")"`))).toBe(true);
    const official = lines.find((l) => l.startsWith("initiative,selection-official-list,"))!;
    expect(official).toContain(",Mia Member,");
    expect(official).toContain(",2026-06-30,In progress,,no,yes,no");
    expect(lines.find((l) => l.includes(",Board sign-off,"))).toMatch(/^milestone,custom-[0-9a-f]{8},.*,yes,no,no$/);

    const foreign = await settle(
      csvLoader({
        request: makeRequest(`/orgs/${slug}/roadmaps/${roadmapId}/export.csv`, { cookie: await sessionCookie(outsider.user) }),
        params: { slug, roadmapId },
        context: testContext(),
      }),
    );
    expect(foreign.status).toBe(404);
  });

  it("serves milestone due dates as an iCalendar feed behind a revocable secret", async () => {
    await world();
    const { owner, ownerUser, viewerUser, slug, roadmapId } = await regeneratedLoop();
    const custom = await addCustomItem(owner, roadmapId, {
      title: "Überprüfung; Sign-off, \\ Vorstand ✓ — a title long enough to be folded over more than one line",
      description: "Line one\nline two",
      phase: "design",
      parentId: (await listItems(getDb(), roadmapId)).find((r) => r.item.key === "strategy-power-congruence")!.item.id,
      dueDate: "2026-07-01",
      dependsOn: [],
    });
    const issued = await settle(
      calendarAction({
        request: makeRequest(`/orgs/${slug}/roadmaps/${roadmapId}/calendar`, { cookie: await sessionCookie(ownerUser), form: { intent: "issue" } }),
        params: { slug, roadmapId },
        context: testContext(),
      }),
    );
    expect(issued.status).toBe(200);
    const url: string = issued.data.url;
    const token = /\/calendar\/([a-z0-9]+)\/roadmap\.ics$/.exec(url)![1]!;
    const [stored] = await getDb().select().from(roadmaps).where(eq(roadmaps.id, roadmapId));
    expect(stored!.calendarTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.calendarTokenHash).not.toContain(token);

    // No cookie: the secret alone opens the feed.
    const feed = async (secret: string) => settle(calendarFeedLoader({ request: new Request(`http://localhost/calendar/${secret}/roadmap.ics`), params: { token: secret }, context: testContext() }));
    const response = await calendarFeedLoader({ request: new Request(`http://localhost/calendar/${token}/roadmap.ics`), params: { token }, context: testContext() });
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const body = await response.text();
    expect(body.endsWith("\r\n")).toBe(true);
    expect(body.replace(/\r\n/g, "")).not.toContain("\n");
    const physical = body.split("\r\n").slice(0, -1);
    for (const line of physical) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const lines = body.replace(/\r\n /g, "").split("\r\n");
    expect(lines.slice(0, 3)).toEqual(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//KAM Navigator//Roadmap milestones//EN"]);
    expect(lines.at(-2)).toBe("END:VCALENDAR");
    expect(lines.filter((l) => l === "BEGIN:VEVENT").length).toBe(lines.filter((l) => l === "END:VEVENT").length);
    // Every milestone still in the plan with a due date; the selection ones are no longer needed.
    const items = await getDb().select().from(roadmapItems).where(eq(roadmapItems.roadmapId, roadmapId));
    const expected = items.filter((i) => i.kind === "milestone" && !i.noLongerNeeded && i.removedAt === null && i.dueDate !== null);
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(expected.length);
    expect(lines.filter((l) => l.startsWith("UID:"))).toEqual(expect.arrayContaining(expected.map((i) => `UID:${i.id}@roadmap.kam-navigator`)));
    expect(lines.filter((l) => l.startsWith("DTSTAMP:")).every((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l))).toBe(true);
    const event = lines.slice(lines.indexOf(`UID:${custom.id}@roadmap.kam-navigator`));
    expect(event).toContain("DTSTART;VALUE=DATE:20260701");
    expect(event).toContain("DTEND;VALUE=DATE:20260702");
    expect(event).toContain("SUMMARY:Überprüfung\\; Sign-off\\, \\\\ Vorstand ✓ — a title long enough to be folded over more than one line");
    expect(event.find((l) => l.startsWith("DESCRIPTION:"))).toContain("Done when: Line one\\nline two");
    // The long summary was folded: some physical line is a continuation inside it.
    expect(physical.some((l) => l.startsWith(" ") && body.includes("SUMMARY:Überprüfung"))).toBe(true);

    expect((await feed("not-the-secret")).status).toBe(404);
    await revokeCalendarFeed(owner, roadmapId);
    expect((await feed(token)).status).toBe(404);
    // A new link works; the one before it does not.
    const again = await issueCalendarFeed(owner, roadmapId);
    expect((await feed(again)).status).toBe(200);
    expect((await feed(token)).status).toBe(404);

    const byViewer = await settle(
      calendarAction({
        request: makeRequest(`/orgs/${slug}/roadmaps/${roadmapId}/calendar`, { cookie: await sessionCookie(viewerUser), form: { intent: "revoke" } }),
        params: { slug, roadmapId },
        context: testContext(),
      }),
    );
    expect(byViewer.status).toBe(403);
  });
});

describe("the overview's roadmap card", () => {
  it("counts what is due, overdue and blocked on a given day", async () => {
    const { outsider, regenerated } = await world();
    const { owner, roadmapId } = regenerated;
    const items = (await listItems(getDb(), roadmapId)).map((r) => r.item);
    const live = items.filter((i) => i.removedAt === null && !i.noLongerNeeded);
    // On the start day nothing can be overdue: no due date lies before the start.
    const onStart = (await loadRoadmapDashboard(owner, new Date(`${START}T12:00:00Z`)))!;
    expect(onStart.roadmap.title).toBe("KAM transformation");
    expect(onStart.overdue).toEqual([]);
    expect(onStart.blocked.map((b) => b.blockedReason)).toEqual(["Waiting for the CEO"]);
    expect(onStart.currentPhase).toBe("knowledge");
    expect(onStart.index).toEqual({ baseline: 2, measured: 3, change: 1, projected: 4 });
    const until = "2026-01-19";
    expect(onStart.dueSoon.map((d) => d.id).sort()).toEqual(
      live.filter((i) => i.kind === "milestone" && i.status !== "done" && i.dueDate! >= START && i.dueDate! <= until).map((i) => i.id).sort(),
    );

    // Years later, everything not done with a due date is overdue; nothing is due soon.
    const later = (await loadRoadmapDashboard(owner, new Date("2040-01-01T00:00:00Z")))!;
    expect(later.dueSoon).toEqual([]);
    expect(later.overdue).toHaveLength(live.filter((i) => i.status !== "done" && i.dueDate !== null).length);
    expect(later.overdue.some((o) => o.title === "Board sign-off")).toBe(true);

    expect(await loadRoadmapDashboard(outsider)).toBeNull();
  });
});
