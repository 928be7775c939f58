import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { assessmentResults, assessments, engagements, loginAttempts, memberships, organizations, sessions, users } from "#db/schema/index.ts";
import { createSession } from "#app/lib/session.server.ts";
import { loader as healthLoader } from "#app/routes/healthz.ts";
import { prepareDatabase } from "#app/services/startup.server.ts";
import { verifyPassword } from "#app/lib/password.server.ts";
import journal from "../../db/migrations/meta/_journal.json";

describe("start-up and health", () => {
  it("/healthz answers 200 with the database kind and the newest migration", async () => {
    const response = await healthLoader();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      database: process.env.DATABASE_URL ? "postgres" : "pglite",
      migration: journal.entries.at(-1)!.tag,
    });
  });

  it("seeds the demo user and the `demo` organization on the first run only", async () => {
    expect(await prepareDatabase()).toMatchObject({ seeded: true });
    const [demo] = await getDb().select().from(users).where(eq(users.email, "demo@example.com"));
    expect(demo && (await verifyPassword(demo.passwordHash, "kam-demo-password"))).toBe(true);
    // Nobody can follow a link mailed to the demo address, so no banner asks for it.
    expect(demo!.emailVerifiedAt).not.toBeNull();
    const [org] = await getDb().select().from(organizations).where(eq(organizations.slug, "demo"));
    const [membership] = await getDb().select().from(memberships).where(eq(memberships.organizationId, org!.id));
    expect(membership).toMatchObject({ userId: demo!.id, role: "owner" });
    const demoAssessments = await getDb().select().from(assessments).where(eq(assessments.organizationId, org!.id));
    // Two closed baselines a year apart, so results show a change over time, and one open pulse.
    expect(demoAssessments.map((a) => a.status).sort()).toEqual(["closed", "closed", "open"]);
    const [earlier, closed] = demoAssessments.filter((a) => a.status === "closed").sort((a, b) => a.closedAt!.getTime() - b.closedAt!.getTime());
    expect(closed!.closedAt!.getTime() - earlier!.closedAt!.getTime()).toBe(335 * 86_400_000);
    const [result] = await getDb().select().from(assessmentResults).where(eq(assessmentResults.assessmentId, closed!.id));
    const scorecard = result!.scorecard as { respondentCount: number; byFunction: { group: string; respondentCount: number }[] };
    expect(scorecard.respondentCount).toBe(12);
    // Three each in sales, key account management and service; finance, marketing and leadership, one each, shown together.
    expect(scorecard.byFunction.map((g) => [g.group, g.respondentCount])).toEqual([["sales", 3], ["kam", 3], ["service", 3], ["other_functions", 3]]);
    expect(await prepareDatabase()).toMatchObject({ seeded: false });
    // The demo organization, the 40 of the sample benchmark pool, and the demo consultancy with
    // its 6 clients: 48, all marked sample data; the pool and the demo organization opted in.
    const all = await getDb().select().from(organizations);
    expect(all).toHaveLength(48);
    expect(all.every((o) => o.sampleData)).toBe(true);
    expect(all.filter((o) => o.benchmarkOptIn)).toHaveLength(41);
    const consulting = all.find((o) => o.slug === "demo-consulting")!;
    expect(consulting.kind).toBe("consultancy");
    const clients = await getDb().select().from(engagements).where(eq(engagements.consultancyId, consulting.id));
    expect(clients).toHaveLength(7);
    // Start-up seeds the whole demo: a guard against a hang on a busy machine, not a time budget.
  }, 120_000);

  it("prunes expired sessions and day-old sign-in attempts at start, keeping current ones", async () => {
    const [demo] = await getDb().select().from(users).where(eq(users.email, "demo@example.com"));
    const now = new Date("2026-06-30T12:00:00Z");
    const { session: stale } = await createSession(getDb(), demo!.id, new Date("2026-05-01T00:00:00Z"));
    const { session: live } = await createSession(getDb(), demo!.id, new Date("2026-06-20T00:00:00Z"));
    await getDb().insert(loginAttempts).values([
      { email: "a@example.com", ip: "192.0.2.1", succeeded: false, createdAt: new Date("2026-06-29T11:00:00Z") },
      { email: "b@example.com", ip: "192.0.2.1", succeeded: false, createdAt: new Date("2026-06-30T11:00:00Z") },
    ]);
    await prepareDatabase(now);
    const ids = (await getDb().select().from(sessions)).map((row) => row.id);
    expect(ids).toContain(live.id);
    expect(ids).not.toContain(stale.id);
    const attempts = (await getDb().select().from(loginAttempts)).map((row) => row.email);
    expect(attempts).toEqual(["b@example.com"]);
  });
});
