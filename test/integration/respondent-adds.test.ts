// Adding respondents: one person once per assessment (by email), all of a paste or none, and
// pastes and re-assessments of any size under PostgreSQL's 65,535 bind parameters.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { respondents } from "#db/schema/index.ts";
import { MAX_RESPONDENTS_PER_PASTE } from "#app/domain/assessments.ts";
import { assessmentMessages as m } from "#app/messages/assessments.ts";
import { action as assessmentAction } from "#app/routes/orgs.$slug.assessments.$assessmentId.tsx";
import { closeAssessment, createAssessment, inviteRespondents, openAssessment, startReassessment } from "#app/services/assessments.server.ts";
import { inviteMember } from "#app/services/assessment-respondents.server.ts";
import { addMember, createOwner, createUser, loadQuestionnaires, makeRequest, settle, sharedWorld, testContext } from "#test/factories.ts";

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const { membership: owner, cookie: ownerCookie } = await createOwner();
  return { owner, ownerCookie };
});

beforeAll(world.build);

const draft = async () => createAssessment((await world()).owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Adds", targetProfile: null });
const stored = async (assessmentId: string) =>
  (await getDb().select({ name: respondents.name, email: respondents.email }).from(respondents).where(eq(respondents.assessmentId, assessmentId))).map((r) => r.name).sort();

async function post(assessmentId: string, form: Record<string, string>) {
  const { owner, ownerCookie } = await world();
  const path = `/orgs/${owner.organization.slug}/assessments/${assessmentId}`;
  return settle(
    assessmentAction({
      request: makeRequest(path, { cookie: ownerCookie, form }),
      params: { slug: owner.organization.slug, assessmentId },
      context: testContext(),
    }),
  );
}

describe("duplicate respondents", () => {
  it("the single form refuses an email the assessment already has, however it is written", async () => {
    const { id } = await draft();
    expect((await post(id, { intent: "add", name: "Ada Lind", email: "ada@example.com", function: "sales" })).status).toBe(200);
    const again = await post(id, { intent: "add", name: "Ada L.", email: "  ADA@Example.com ", function: "kam" });
    expect(again.status).toBe(409);
    expect(again.data.formError).toBe(m.duplicateRespondents(["ada@example.com"], []));
    expect(again.data.formError).toBe("Each person is a respondent once per assessment. Already added: ada@example.com. Nothing was added; remove the duplicates and try again.");
    expect(await stored(id)).toEqual(["Ada Lind"]);
    // People without an email cannot be told apart and are not refused.
    await post(id, { intent: "add", name: "No Mail", email: "", function: "sales" });
    expect((await post(id, { intent: "add", name: "No Mail", email: "", function: "sales" })).status).toBe(200);
  });

  it("a paste with a repeated or an existing email stores none of its lines and names them", async () => {
    const { owner } = await world();
    const { id } = await draft();
    await inviteRespondents(owner, id, [{ name: "Bo Berg", email: "bo@example.com", function: "finance" }]);
    const lines = ["Cy Chen, cy@example.com, Sales", "Bo Berg, BO@example.com, Finance", "Di Dahl, di@example.com, KAM", "Cy C., cy@example.com , Sales"].join("\n");
    const refused = await post(id, { intent: "bulk", lines });
    expect(refused.status).toBe(409);
    expect(refused.data.formError).toBe(
      "Each person is a respondent once per assessment. Already added: bo@example.com. More than once in this list: cy@example.com. Nothing was added; remove the duplicates and try again.",
    );
    // The form gets back what was typed, to fix it.
    expect(refused.data.values.lines).toBe(lines);
    expect(await stored(id)).toEqual(["Bo Berg"]);

    const fixed = await post(id, { intent: "bulk", lines: "Cy Chen, cy@example.com, Sales\nDi Dahl, di@example.com, KAM" });
    expect(fixed.status).toBe(200);
    expect(fixed.data.links.map((l: { name: string }) => l.name)).toEqual(["Cy Chen", "Di Dahl"]);
    expect(await stored(id)).toEqual(["Bo Berg", "Cy Chen", "Di Dahl"]);
  });

  it("a member with the email of a link respondent is refused too", async () => {
    const { owner } = await world();
    const { id } = await draft();
    const member = await createUser({ email: `member-${Date.now().toString(36)}@example.com` });
    await addMember(owner.organization, member, "member");
    await inviteRespondents(owner, id, [{ name: "Same Person", email: member.email.toUpperCase(), function: "sales" }]);
    await expect(inviteMember(owner, id, { userId: member.id, function: "sales" })).rejects.toThrow(m.duplicateRespondents([member.email], []));
  });

  it("two adds of the same person at once store one", async () => {
    const { owner } = await world();
    const { id } = await draft();
    const person = { name: "Eve Ek", email: "eve@example.com", function: "sales" as const };
    const results = await Promise.allSettled([inviteRespondents(owner, id, [person]), inviteRespondents(owner, id, [person])]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await stored(id)).toEqual(["Eve Ek"]);
  });
});

describe("large adds", () => {
  it(`a paste of more than ${MAX_RESPONDENTS_PER_PASTE} people answers 400 and stores nothing`, async () => {
    const { id } = await draft();
    const lines = Array.from({ length: 11_000 }, (_, i) => `Person ${i}, person-${i}@example.com, Sales`).join("\n");
    const refused = await post(id, { intent: "bulk", lines });
    expect(refused.status).toBe(400);
    expect(refused.data.formError).toBe("One paste adds at most 1,000 people; this one has 11,000. Split the list and add it in parts.");
    expect(await stored(id)).toEqual([]);
  });

  it(`a paste of exactly ${MAX_RESPONDENTS_PER_PASTE} people is added`, async () => {
    const { id } = await draft();
    const lines = Array.from({ length: MAX_RESPONDENTS_PER_PASTE }, (_, i) => `Person ${i}, person-${i}@example.com, Sales`).join("\n");
    const added = await post(id, { intent: "bulk", lines });
    expect(added.status).toBe(200);
    expect(added.data.links).toHaveLength(1000);
    expect(new Set(added.data.links.map((l: { link: string }) => l.link)).size).toBe(1000);
  });

  it("a re-assessment of an assessment with 11,000 respondents copies them all", async () => {
    const { owner } = await world();
    const source = await draft();
    await getDb().execute(
      sql`insert into respondents (assessment_id, name, email, function) select ${source.id}, 'Person ' || n, 'person-' || n || '@example.com', 'sales' from generate_series(1, 11000) n`,
    );
    await openAssessment(owner, source.id);
    await closeAssessment(owner, source.id);
    const next = await startReassessment(owner, source.id);
    const [{ count }] = (await getDb()
      .select({ count: sql<number>`count(*)`.mapWith(Number) })
      .from(respondents)
      .where(eq(respondents.assessmentId, next.id))) as [{ count: number }];
    expect(count).toBe(11_000);
  }, 120_000);
});
