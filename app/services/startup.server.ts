import { closeDb, getDb, getDbHandle } from "#db/client.ts";
import { appliedMigration, countUsers } from "#db/queries/health.ts";
import { insertMembership, insertOrganization } from "#db/queries/organizations.ts";
import { deleteExpiredSessions, deleteLoginAttemptsBefore, insertUser } from "#db/queries/identity.ts";
import { hashPassword } from "#app/lib/password.server.ts";
import { refreshStaleSnapshots } from "./assessments.server.ts";
import { seedDemoConsultancy } from "./demo-consulting.server.ts";
import { seedDemoAssessments, seedSampleBenchmarkPool } from "./demo-data.server.ts";
import { requireValidSurveys, syncQuestionnaires } from "./surveys.server.ts";

export const DEMO_SIGN_IN = { email: "demo@example.com", password: "kam-demo-password" } as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Checks the questionnaires in surveys/ (an invalid one stops the start with the checker's
 * messages), applies the migrations, loads the questionnaires, scores again the closed
 * assessments whose snapshots predate today's privacy rules, prunes expired sessions and
 * day-old sign-in attempts (the rate limit looks back 15 minutes) and, on a database without
 * users, adds the demo user and organization and the sample benchmark pool.
 */
export async function prepareDatabase(now = new Date()): Promise<{ seeded: boolean; kind: string }> {
  const surveys = requireValidSurveys();
  const handle = getDbHandle();
  await handle.migrate();
  const db = handle.db;
  await syncQuestionnaires(surveys, db);
  await refreshStaleSnapshots(db);
  await deleteExpiredSessions(db, now);
  await deleteLoginAttemptsBefore(db, new Date(now.getTime() - DAY_MS));
  if ((await countUsers(db)) > 0) return { seeded: false, kind: handle.kind };
  const user = await insertUser(db, {
    email: DEMO_SIGN_IN.email,
    name: "Dana Demo",
    passwordHash: await hashPassword(DEMO_SIGN_IN.password),
    // Nobody can follow a link mailed to the demo address: it counts as confirmed.
    emailVerifiedAt: now,
  });
  const organization = await insertOrganization(db, {
    slug: "demo",
    name: "Demo Industries (sample data)",
    industry: "Manufacturing",
    sizeBand: "1,000–4,999",
    region: "Europe",
    // Sample data in the sample platform pool, so the demo shows a benchmark from the start.
    benchmarkOptIn: true,
    sampleData: true,
  });
  if (user && organization) {
    await insertMembership(db, { organizationId: organization.id, userId: user.id, role: "owner" });
    await seedDemoAssessments(db, organization.id, user.id);
    await seedDemoConsultancy(db, { userId: user.id, demoOrganizationId: organization.id });
    await seedSampleBenchmarkPool(db);
  }
  return { seeded: true, kind: handle.kind };
}

export async function healthStatus() {
  const handle = getDbHandle();
  try {
    const migration = await appliedMigration(getDb());
    return { status: "ok", database: handle.kind, migration } as const;
  } catch {
    return { status: "error", database: handle.kind, migration: null } as const;
  }
}

export const shutdownDatabase = closeDb;
