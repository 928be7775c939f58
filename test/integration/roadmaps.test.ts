import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { listItems } from "#db/queries/roadmaps.ts";
import { roadmapItems } from "#db/schema/index.ts";
import { action as roadmapAction } from "#app/routes/orgs.$slug.roadmaps.$roadmapId.tsx";
import { action as itemAction, loader as itemLoader } from "#app/routes/orgs.$slug.roadmaps.$roadmapId_.items.$itemId.tsx";
import { reopenAssessment } from "#app/services/assessments.server.ts";
import { setGateCriterion } from "#app/services/roadmap-gates.server.ts";
import { addCustomItem, addRoadmapNote, loadRoadmapItem, moveRoadmapItem, removeRoadmapItem, setItemDependencies, updateRoadmapItem } from "#app/services/roadmap-items.server.ts";
import { loadRoadmap } from "#app/services/roadmap-view.server.ts";
import {
  acceptedRoadmap,
  addMember,
  closedAssessmentWith,
  createMember,
  createOwner,
  createUser,
  levelsFor,
  loadQuestionnaires,
  makeRequest,
  membershipOf,
  respondentsAnswering,
  SELECTION_QUESTIONS,
  settle,
  sharedWorld,
  testContext,
} from "#test/factories.ts";

type Membership = Awaited<ReturnType<typeof membershipOf>>;

type Item = Awaited<ReturnType<typeof listItems>>[number]["item"];

const START = "2026-01-05";
const selectionAt = (level: number) => levelsFor(SELECTION_QUESTIONS, level);

/** A closed kam-maturity assessment whose three respondents (the fewest that show a score) answer every selection question at `level`. */
const closedAssessment = async (membership: Membership, level: number) =>
  (await closedAssessmentWith(membership, { title: "Baseline 2026", targetProfile: { selection: 4 }, respondents: respondentsAnswering(3, selectionAt(level)) })).assessment.id;

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const { organization, membership: owner, cookie: ownerCookie } = await createOwner({ name: "Olga Owner" });
  const { cookie: viewerCookie } = await createMember(organization, "viewer");
  const { cookie: memberCookie } = await createMember(organization, "member");
  const colleague = await createUser({ name: "Pia Programlead" });
  await addMember(organization, colleague, "program_lead");
  const outsider = await createUser();

  const assessmentId = await closedAssessment(owner, 2);
  const roadmapId = (await acceptedRoadmap(owner, assessmentId, { startDate: START, capacity: 2, title: "KAM 2026" })).id;

  const { membership: neighbour } = await createOwner();
  const theirs = await acceptedRoadmap(neighbour, await closedAssessment(neighbour, 2), { startDate: START, capacity: 2, title: "Theirs" });
  const neighbourItemId = (await listItems(getDb(), theirs.id))[0]!.item.id;
  return { owner, ownerCookie, viewerCookie, memberCookie, colleague, outsider, neighbour, assessmentId, roadmapId, neighbourRoadmapId: theirs.id, neighbourItemId };
});

beforeAll(world.build);

const items = async () => (await listItems(getDb(), (await world()).roadmapId)).map((r) => r.item);
const byKey = async (key: string) => (await items()).find((i) => i.key === key)!;
const storedItem = async (inRoadmap: string, itemId: string) =>
  (await getDb().select().from(roadmapItems).where(and(eq(roadmapItems.id, itemId), eq(roadmapItems.roadmapId, inRoadmap))))[0]!;
const reread = async (item: { id: string }) => storedItem((await world()).roadmapId, item.id);
const slug = async () => (await world()).owner.organization.slug;

async function postItem(item: { id: string }, form: Record<string, string>, cookie?: string, ids: { roadmapId?: string; itemId?: string } = {}) {
  const { ownerCookie, roadmapId } = await world();
  const params = { slug: await slug(), roadmapId: ids.roadmapId ?? roadmapId, itemId: ids.itemId ?? item.id };
  const request = makeRequest(`/orgs/${params.slug}/roadmaps/${params.roadmapId}/items/${params.itemId}`, { cookie: cookie ?? ownerCookie, form });
  return settle(itemAction({ request, params, context: testContext() }));
}

async function getItem(ids: { roadmapId: string; itemId: string }, cookie?: string) {
  const request = makeRequest(`/orgs/${await slug()}/roadmaps/${ids.roadmapId}/items/${ids.itemId}`, { cookie: cookie ?? (await world()).ownerCookie });
  return settle(itemLoader({ request, params: { slug: await slug(), ...ids }, context: testContext() }));
}

async function postRoadmap(form: Record<string, string>, cookie?: string) {
  const { ownerCookie, roadmapId } = await world();
  const request = makeRequest(`/orgs/${await slug()}/roadmaps/${roadmapId}`, { cookie: cookie ?? ownerCookie, form });
  return settle(roadmapAction({ request, params: { slug: await slug(), roadmapId }, context: testContext() }));
}

/** The tracked fields of a row, to prove a refused change left it alone. */
const tracked = (i: Item) => ({ status: i.status, ownerId: i.ownerId, dueDate: i.dueDate, blockedReason: i.blockedReason, dependsOn: i.dependsOn, position: i.position, removedAt: i.removedAt, updatedAt: i.updatedAt });

describe("accepting a plan", () => {
  it("stores every planned initiative and milestone", async () => {
    const { owner, roadmapId } = await world();
    // Selection scored 2 with target 4 steps through levels 3 and 4; no other dimension has data.
    // Knowledge: analyze (3 milestones), learn (2), vision (2), buy-in (3), strategy (3) = 5 initiatives, 13 milestones.
    // Selection: criteria (design, 2), scoring-and-tiers (design, 3), apply-criteria (implementation, 3),
    // tier-rollout (implementation, 3) = 4 initiatives, 11 milestones. Together 9 and 24.
    const all = await items();
    const initiatives = all.filter((i) => i.kind === "initiative");
    const milestones = all.filter((i) => i.kind === "milestone");
    expect(initiatives.map((i) => i.key).sort()).toEqual(
      [
        "analyze-current-state",
        "build-strategy-and-roadmap",
        "learn-best-practice",
        "selection-apply-criteria",
        "selection-criteria",
        "selection-scoring-and-tiers",
        "selection-tier-rollout",
        "set-vision-and-goals",
        "win-stakeholder-buy-in",
      ],
    );
    expect(milestones).toHaveLength(24);
    expect(initiatives.filter((i) => i.phase === "knowledge")).toHaveLength(5);
    expect(milestones.filter((i) => i.phase === "knowledge")).toHaveLength(13);
    for (const m of milestones) {
      const parent = initiatives.find((i) => i.id === m.parentId)!;
      expect(m.key.startsWith(`${parent.key}/`)).toBe(true);
    }
    expect(all.every((i) => i.status === "done" || i.status === "not_started")).toBe(true);
    const loaded = await loadRoadmap(owner, roadmapId);
    // The page reads the items as nested json; they must decode as the table's rows do (dates as Date).
    expect(loaded.items.map(({ ownerName: _owner, notes: _notes, ...item }) => item)).toEqual(all);
    expect(loaded.progress.total).toBe(24);
    expect(loaded.progress.done).toBe(1);
  });

  it("marks the analysis of the current state done, with the assessment as evidence", async () => {
    const { owner, roadmapId } = await world();
    const done = (await items()).filter((i) => i.status === "done");
    expect(done.map((i) => i.key)).toEqual(["analyze-current-state/maturity-assessment"]);
    expect(done[0]!.completedAt).not.toBeNull();
    const { notes } = await loadRoadmapItem(owner, roadmapId, done[0]!.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.kind).toBe("evidence");
    expect(notes[0]!.body).toContain("Baseline 2026");
    expect(notes[0]!.authorName).toBe("Olga Owner");
  });

  it("keeps the roadmap's assessment closed: reopening it is refused with 409", async () => {
    const { owner, assessmentId } = await world();
    await expect(reopenAssessment(owner, assessmentId)).rejects.toMatchObject({ status: 409 });
  });
});

describe("tracking an item", () => {
  it("saves owner, due date and status, audits each change and reads the history back in words", async () => {
    const { owner, colleague, roadmapId } = await world();
    const item = await byKey("selection-criteria");
    const answer = await postItem(item, { intent: "update", ownerId: colleague.id, dueDate: "2026-06-30", status: "in_progress", blockedReason: "" });
    expect(answer.status).toBe(200);
    expect(answer.data.message).toBe("Changes saved.");
    const row = await reread(item);
    expect([row.ownerId, row.dueDate, row.status]).toEqual([colleague.id, "2026-06-30", "in_progress"]);

    await postItem(item, { intent: "update", ownerId: colleague.id, dueDate: "2026-06-30", status: "blocked", blockedReason: "Waiting for the sales director" });
    expect((await reread(item)).blockedReason).toBe("Waiting for the sales director");
    await postItem(item, { intent: "update", ownerId: colleague.id, dueDate: "2026-06-30", status: "done", blockedReason: "" });
    const finished = await reread(item);
    expect([finished.status, finished.blockedReason]).toEqual(["done", null]);
    expect(finished.completedAt).not.toBeNull();

    const { history } = await loadRoadmapItem(owner, roadmapId, item.id);
    expect(history.map((h) => [h.actorName, h.text])).toEqual([
      ["Olga Owner", "changed status from Blocked to Done; blocked reason from “Waiting for the sales director” to nothing"],
      ["Olga Owner", "changed status from In progress to Blocked; blocked reason from nothing to “Waiting for the sales director”"],
      ["Olga Owner", `changed owner from no one to Pia Programlead; due date from ${item.dueDate} to 2026-06-30; status from Not started to In progress`],
    ]);
  });

  it("a save that changes nothing writes no history", async () => {
    const { owner, roadmapId } = await world();
    const item = await byKey("learn-best-practice");
    await postItem(item, { intent: "update", ownerId: "", dueDate: item.dueDate ?? "", status: "not_started", blockedReason: "" });
    expect((await loadRoadmapItem(owner, roadmapId, item.id)).history).toEqual([]);
    expect(tracked(await reread(item))).toEqual(tracked(item));
  });

  it("adds evidence and comments with author and time, listed oldest first", async () => {
    const { owner, colleague, roadmapId } = await world();
    const item = await byKey("learn-best-practice/best-practice-briefing");
    expect((await postItem(item, { intent: "note", kind: "evidence", body: "Workshop held on 12 February." })).status).toBe(200);
    await addRoadmapNote(await membershipOf(colleague, owner.organization), roadmapId, item.id, { kind: "comment", body: "Slides are in the shared drive." });
    expect((await postItem(item, { intent: "note", kind: "evidence", body: "   " })).status).toBe(400);
    expect((await postItem(item, { intent: "note", kind: "memo", body: "x" })).status).toBe(400);
    const loaded = await loadRoadmapItem(owner, roadmapId, item.id);
    expect(loaded.notes.map((n) => [n.kind, n.body, n.authorName])).toEqual([
      ["evidence", "Workshop held on 12 February.", "Olga Owner"],
      ["comment", "Slides are in the shared drive.", "Pia Programlead"],
    ]);
    expect(loaded.notes.every((n) => n.createdAt instanceof Date)).toBe(true);
    expect(loaded.history.map((h) => [h.actorName, h.text])).toEqual([
      ["Pia Programlead", "added a comment"],
      ["Olga Owner", "added evidence"],
    ]);
  });

  it("ticks and unticks a gate's criteria with who and when", async () => {
    const { owner, viewerCookie, colleague, roadmapId } = await world();
    const lead = await membershipOf(colleague, owner.organization);
    await setGateCriterion(lead, roadmapId, "knowledge", "case-for-change", true);
    let gate = (await loadRoadmap(owner, roadmapId)).gates.find((g) => g.phase === "knowledge")!;
    const ticked = gate.criteria.find((c) => c.id === "case-for-change")!.check!;
    expect(ticked.checkedByName).toBe("Pia Programlead");
    expect(Date.now() - ticked.checkedAt.getTime()).toBeLessThan(60_000);
    expect(gate.passed).toBe(false);

    for (const criterion of ["vision-and-goals", "approved-plan"]) {
      expect((await postRoadmap({ intent: "gate", phase: "knowledge", criterion, checked: "true" })).status).toBe(200);
    }
    let loaded = await loadRoadmap(owner, roadmapId);
    expect(loaded.gates.find((g) => g.phase === "knowledge")!.passed).toBe(true);
    expect(loaded.currentPhase).toBe("design");

    await postRoadmap({ intent: "gate", phase: "knowledge", criterion: "approved-plan", checked: "false" });
    loaded = await loadRoadmap(owner, roadmapId);
    gate = loaded.gates.find((g) => g.phase === "knowledge")!;
    expect(gate.criteria.find((c) => c.id === "approved-plan")!.check).toBeNull();
    expect(loaded.currentPhase).toBe("knowledge");
    expect((await postRoadmap({ intent: "gate", phase: "knowledge", criterion: "not-a-criterion", checked: "true" })).status).toBe(400);
    expect((await postRoadmap({ intent: "gate", phase: "knowledge", criterion: "approved-plan", checked: "true" }, viewerCookie)).status).toBe(403);
    expect((await loadRoadmap(owner, roadmapId)).currentPhase).toBe("knowledge");
  });
});

describe("custom items", () => {
  it("adds a custom initiative and a milestone under it through the roadmap page", async () => {
    const { roadmapId } = await world();
    const answer = await postRoadmap({ intent: "add", title: "Key account summit", description: "A day with our top ten accounts.", phase: "implementation", parentId: "", dueDate: "2026-09-15" });
    expect(answer.status).toBe(302);
    const summit = (await items()).find((i) => i.title === "Key account summit")!;
    expect(answer.location).toBe(`/orgs/${await slug()}/roadmaps/${roadmapId}/items/${summit.id}`);
    expect([summit.kind, summit.phase, summit.custom, summit.dueDate, summit.parentId]).toEqual(["initiative", "implementation", true, "2026-09-15", null]);

    const analysis = await byKey("analyze-current-state");
    expect((await postRoadmap({ intent: "add", title: "Invitations sent", phase: "knowledge", parentId: summit.id, dueDate: "", dependsOn: analysis.key })).status).toBe(302);
    const invitations = (await items()).find((i) => i.title === "Invitations sent")!;
    // A milestone takes its initiative's phase, whatever the form said.
    expect([invitations.kind, invitations.parentId, invitations.phase, invitations.dependsOn]).toEqual(["milestone", summit.id, "implementation", ["analyze-current-state"]]);
    const page = await getItem({ roadmapId, itemId: invitations.id });
    expect(page.data.parent.title).toBe("Key account summit");
    expect(page.data.dependencies.map((d: Item) => d.title)).toEqual([analysis.title]);
    expect(page.data.history.map((h: { text: string }) => h.text)).toEqual(["added this item to the roadmap"]);
  });

  it("refuses a dependency cycle among custom items and stores nothing", async () => {
    const { owner, colleague, roadmapId } = await world();
    const lead = await membershipOf(colleague, owner.organization);
    const first = await addCustomItem(lead, roadmapId, { title: "Pricing rules", description: "", phase: "design", parentId: null, dueDate: null, dependsOn: [] });
    const second = await addCustomItem(lead, roadmapId, { title: "Deal desk", description: "", phase: "design", parentId: null, dueDate: null, dependsOn: [first.key] });
    const third = await addCustomItem(lead, roadmapId, { title: "Discount approvals", description: "", phase: "design", parentId: null, dueDate: null, dependsOn: [second.key] });
    const before = await reread(first);
    const refused = await postItem(first, { intent: "dependencies", dependsOn: third.key });
    expect(refused.status).toBe(400);
    expect(refused.data.fieldErrors.dependsOn).toBe(`That dependency would make a cycle: ${first.key} → ${third.key} → ${second.key} → ${first.key}.`);
    expect(tracked(await reread(first))).toEqual(tracked(before));
    await expect(setItemDependencies(lead, roadmapId, first.id, [second.key])).rejects.toMatchObject({ status: 400 });
    await expect(setItemDependencies(lead, roadmapId, first.id, [first.key])).rejects.toMatchObject({ status: 400 });
    expect((await reread(first)).dependsOn).toEqual([]);

    // A dependency that closes no cycle is stored and audited in words.
    expect((await postItem(first, { intent: "dependencies", dependsOn: "analyze-current-state" })).status).toBe(200);
    expect((await reread(first)).dependsOn).toEqual(["analyze-current-state"]);
    const { history } = await loadRoadmapItem(owner, roadmapId, first.id);
    expect(history[0]!.text).toBe(`changed dependencies from none to ${(await byKey("analyze-current-state")).title}`);
    // Generated items keep the library's dependencies.
    const generated = await byKey("selection-tier-rollout");
    expect((await postItem(generated, { intent: "dependencies", dependsOn: first.key })).status).toBe(400);
    expect((await reread(generated)).dependsOn).toEqual(generated.dependsOn);
  });

  it("refuses an added item with a due date before the start, an impossible date or no title", async () => {
    const { viewerCookie, neighbourItemId } = await world();
    const count = (await items()).length;
    const early = await postRoadmap({ intent: "add", title: "Too early", phase: "design", parentId: "", dueDate: "2025-12-31" });
    expect(early.status).toBe(400);
    expect(early.data.fieldErrors.dueDate).toBe(`The due date cannot be before the roadmap starts (${START}).`);
    expect((await postRoadmap({ intent: "add", title: "Impossible", phase: "design", parentId: "", dueDate: "2027-02-30" })).status).toBe(400);
    expect((await postRoadmap({ intent: "add", title: " ", phase: "design", parentId: "", dueDate: "" })).status).toBe(400);
    expect((await postRoadmap({ intent: "add", title: "No phase", phase: "someday", parentId: "", dueDate: "" })).status).toBe(400);
    expect((await postRoadmap({ intent: "add", title: "Foreign parent", phase: "design", parentId: neighbourItemId, dueDate: "" })).status).toBe(400);
    expect((await postRoadmap({ intent: "add", title: "Unknown dependency", phase: "design", parentId: "", dueDate: "", dependsOn: "no-such-key" })).status).toBe(400);
    expect((await postRoadmap({ intent: "add", title: "By a viewer", phase: "design", parentId: "", dueDate: "" }, viewerCookie)).status).toBe(403);
    expect((await items()).length).toBe(count);
  });
});

describe("ordering and removal", () => {
  it("moves a milestone among its initiative's milestones", async () => {
    const { owner, roadmapId } = await world();
    const parent = await byKey("selection-scoring-and-tiers");
    const [a, b] = (await items()).filter((i) => i.parentId === parent.id);
    expect((await postItem(a!, { intent: "move", direction: "down" })).status).toBe(200);
    expect([(await reread(a!)).position, (await reread(b!)).position]).toEqual([b!.position, a!.position]);
    // The first one cannot move further up: nothing changes, nothing is written.
    await moveRoadmapItem(owner, roadmapId, b!.id, "up");
    expect((await reread(b!)).position).toBe(a!.position);
    expect((await postItem(a!, { intent: "move", direction: "sideways" })).status).toBe(400);
    expect((await loadRoadmapItem(owner, roadmapId, a!.id)).history.map((h) => h.text)).toEqual(["moved it down"]);
  });

  it("removes an initiative with its milestones but keeps every row, note and history", async () => {
    const { owner, roadmapId } = await world();
    const initiative = await byKey("learn-best-practice");
    const milestones = (await items()).filter((i) => i.parentId === initiative.id);
    // Without the confirmation step's post nothing is removed: the page only asks.
    const asking = await getItem({ roadmapId, itemId: initiative.id });
    expect(asking.status).toBe(200);
    expect((await reread(initiative)).removedAt).toBeNull();

    const answer = await postItem(initiative, { intent: "remove" });
    expect(answer.status).toBe(302);
    const removed = await reread(initiative);
    expect(removed.removedAt).not.toBeNull();
    for (const m of milestones) expect((await reread(m)).removedAt).not.toBeNull();
    const loaded = await loadRoadmap(owner, roadmapId);
    expect(loaded.items.some((i) => i.id === initiative.id || i.parentId === initiative.id)).toBe(false);
    expect(loaded.removed.map((i) => i.id).sort()).toEqual([initiative.id, ...milestones.map((m) => m.id)].sort());
    // The knowledge phase had 13 milestones; two left with the initiative.
    expect(loaded.progress.phases.find((p) => p.phase === "knowledge")!.total).toBe(11);

    const page = await getItem({ roadmapId, itemId: milestones[0]!.id });
    expect(page.status).toBe(200);
    expect(page.data.item.removedAt).not.toBeNull();
    expect(page.data.notes.map((n: { body: string }) => n.body)).toContain("Workshop held on 12 February.");
    expect(page.data.history.map((h: { text: string }) => h.text)).toEqual([
      `removed it together with its initiative “${initiative.title}”`,
      "added a comment",
      "added evidence",
    ]);
    expect((await loadRoadmapItem(owner, roadmapId, initiative.id)).history.map((h) => h.text)[0]).toBe("removed it from the roadmap");

    // A removed item takes no more changes.
    const refused = await postItem(initiative, { intent: "update", ownerId: "", dueDate: "", status: "in_progress", blockedReason: "" });
    expect(refused.status).toBe(409);
    expect((await postItem(initiative, { intent: "note", kind: "comment", body: "late" })).status).toBe(409);
    expect(tracked(await reread(initiative))).toEqual(tracked(removed));
    await removeRoadmapItem(owner, roadmapId, initiative.id);
    expect((await reread(initiative)).removedAt).toEqual(removed.removedAt);
  });
});

describe("bad input is refused and changes nothing", () => {
  const target = sharedWorld(() => byKey("set-vision-and-goals"));
  const valid = () => ({ intent: "update", ownerId: "", dueDate: "2026-05-01", status: "in_progress", blockedReason: "" });

  beforeAll(target.build);

  const refused = async (form: Record<string, string>, status: number, field?: string, message?: string, cookie?: string) => {
    const item = await target();
    const before = await reread(item);
    const answer = await postItem(item, form, cookie);
    expect(answer.status).toBe(status);
    if (field) expect(answer.data.fieldErrors[field]).toBe(message);
    expect(tracked(await reread(item))).toEqual(tracked(before));
  };

  it("a due date before the roadmap's start", () => refused({ ...valid(), dueDate: "2025-12-31" }, 400, "dueDate", `The due date cannot be before the roadmap starts (${START}).`));
  it("an impossible date", () => refused({ ...valid(), dueDate: "2027-02-30" }, 400, "dueDate", "Enter a real date as YYYY-MM-DD."));
  it("an owner who is not a member", async () => {
    const { owner, outsider, neighbour, roadmapId } = await world();
    const item = await target();
    await refused({ ...valid(), ownerId: outsider.id }, 400, "ownerId", "The owner must be a member of the organization.");
    await refused({ ...valid(), ownerId: "not-a-uuid" }, 400, "ownerId", "The owner must be a member of the organization.");
    await expect(updateRoadmapItem(owner, roadmapId, item.id, { status: "in_progress", ownerId: neighbour.user.id })).rejects.toMatchObject({ status: 400 });
  });
  it("a status outside the list", async () => {
    const { owner, roadmapId } = await world();
    const item = await target();
    await refused({ ...valid(), status: "cancelled" }, 400, "status", "Choose a status from the list.");
    await expect(updateRoadmapItem(owner, roadmapId, item.id, { status: "cancelled" as "done" })).rejects.toMatchObject({ status: 400 });
  });
  it("blocked without a reason", () => refused({ ...valid(), status: "blocked", blockedReason: "  " }, 400, "blockedReason", "Say what blocks it."));
  it("an edit by a viewer or a member (403)", async () => {
    const { owner, viewerCookie, memberCookie, roadmapId } = await world();
    const item = await target();
    await refused(valid(), 403, undefined, undefined, viewerCookie);
    await refused(valid(), 403, undefined, undefined, memberCookie);
    await refused({ intent: "note", kind: "comment", body: "hi" }, 403, undefined, undefined, viewerCookie);
    await refused({ intent: "remove" }, 403, undefined, undefined, viewerCookie);
    const viewerMembership = { ...owner, role: "viewer" as const };
    await expect(updateRoadmapItem(viewerMembership, roadmapId, item.id, { status: "done" })).rejects.toMatchObject({ status: 403 });
    expect((await reread(item)).status).toBe("not_started");
  });
  it("viewers and members see the item page, without forms", async () => {
    const { viewerCookie, memberCookie, roadmapId } = await world();
    const item = await target();
    const page = await getItem({ roadmapId, itemId: item.id }, viewerCookie);
    expect(page.status).toBe(200);
    expect(page.data.canEdit).toBe(false);
    expect((await getItem({ roadmapId, itemId: item.id }, memberCookie)).data.canEdit).toBe(false);
  });
  it("a foreign roadmap id or item id answers 404", async () => {
    const { ownerCookie, neighbour, roadmapId, neighbourRoadmapId, neighbourItemId } = await world();
    const item = await target();
    const before = await reread(item);
    // The neighbour's item through our roadmap, our item through their roadmap, their item through theirs.
    expect((await postItem(item, valid(), ownerCookie, { itemId: neighbourItemId })).status).toBe(404);
    expect((await postItem(item, valid(), ownerCookie, { roadmapId: neighbourRoadmapId })).status).toBe(404);
    expect((await postItem(item, valid(), ownerCookie, { roadmapId: neighbourRoadmapId, itemId: neighbourItemId })).status).toBe(404);
    expect((await postItem(item, valid(), ownerCookie, { itemId: "nope" })).status).toBe(404);
    expect((await getItem({ roadmapId, itemId: neighbourItemId })).status).toBe(404);
    expect((await getItem({ roadmapId: neighbourRoadmapId, itemId: neighbourItemId })).status).toBe(404);
    expect((await getItem({ roadmapId: "not-a-uuid", itemId: item.id })).status).toBe(404);
    await expect(loadRoadmapItem(neighbour, roadmapId, item.id)).rejects.toMatchObject({ status: 404 });
    await expect(updateRoadmapItem(neighbour, neighbourRoadmapId, item.id, { status: "done" })).rejects.toMatchObject({ status: 404 });
    expect(tracked(await reread(item))).toEqual(tracked(before));
    expect(tracked(await storedItem(neighbourRoadmapId, neighbourItemId)).status).toBe("not_started");
  });
});
