// Times a consultancy's portfolio (the clients page's data: clients, their assessments with
// snapshots, their newest roadmap's milestone counts) for 50 and 200 clients, on the embedded
// database, or on PostgreSQL when DATABASE_URL is set. Run: npx tsx bench/portfolio.ts
import { cpus } from "node:os";
import { createDb, getDb, setDbHandle, type Database } from "../db/client.ts";
import { insertAssessment, insertResult, transitionAssessment } from "../db/queries/assessments.ts";
import { insertEngagement } from "../db/queries/engagements.ts";
import { insertUser } from "../db/queries/identity.ts";
import { insertMembership, insertOrganization } from "../db/queries/organizations.ts";
import { findVersion } from "../db/queries/questionnaires.ts";
import { questionnaireVersionSchema } from "../app/domain/questionnaire/schema.ts";
import { scoreAssessment, SCORING_ENGINE_VERSION } from "../app/domain/scoring/index.ts";
import type { Membership } from "../app/services/access.server.ts";
import { seedDemoRoadmap } from "../app/services/demo-data.server.ts";
import { loadPortfolio } from "../app/services/engagements.server.ts";
import { requireValidSurveys, syncQuestionnaires } from "../app/services/surveys.server.ts";

const handle = createDb(process.env.DATABASE_URL ? {} : { dataDir: "memory://" });
setDbHandle(handle);
await handle.migrate();
await syncQuestionnaires(requireValidSurveys());
const db: Database = getDb();
const stored = (await findVersion(db, "kam-maturity", "1.0.0"))!;
const version = questionnaireVersionSchema.parse(stored.content);

const user = (await insertUser(db, { email: `bench-${Date.now()}@example.com`, name: "Bench", passwordHash: "x" }))!;

/** A scorecard of five respondents answering every question around `level`. */
function scorecardAt(level: number) {
  const responses = Array.from({ length: 5 }, (_, r) => ({
    respondentId: `r${r}`,
    function: "sales" as const,
    answers: version.questions.map((q, i) => ({ questionId: q.id, value: Math.min(5, Math.max(1, level + ((i + r) % 3) - 1)) as 1 | 2 | 3 | 4 | 5 })),
  }));
  return scoreAssessment(version, responses);
}

async function consultancyWith(clients: number) {
  const consultancy = (await insertOrganization(db, { slug: `bench-${clients}-${Date.now()}`, name: `Bench ${clients}`, kind: "consultancy", industry: "Professional services", sizeBand: "50–249", region: "Europe" }))!;
  await insertMembership(db, { organizationId: consultancy.id, userId: user.id, role: "owner" });
  for (let c = 0; c < clients; c++) {
    const client = (await insertOrganization(db, { slug: `bench-${clients}-${c}-${Date.now()}`, name: `Client ${c}`, industry: "Manufacturing", sizeBand: "250–999", region: "Europe" }))!;
    await insertEngagement(db, { clientId: client.id, consultancyId: consultancy.id, role: "admin", startedAt: new Date() });
    // Two closed assessments a year apart, and a roadmap for every fourth client.
    let newest;
    for (const [i, level] of [2, 3].entries()) {
      const assessment = await insertAssessment(db, { organizationId: client.id, questionnaireVersionId: stored.id, title: `A${i}`, targetProfile: null, createdBy: user.id });
      const closedAt = new Date(Date.now() - (1 - i) * 365 * 86_400_000);
      await transitionAssessment(db, assessment.id, "draft", "open", closedAt);
      await transitionAssessment(db, assessment.id, "open", "closed", closedAt);
      const scorecard = scorecardAt(level + (c % 2));
      await insertResult(db, assessment.id, scorecard, SCORING_ENGINE_VERSION);
      newest = { assessment, scorecard };
    }
    if (c % 4 === 0) await seedDemoRoadmap(db, { organizationId: client.id, userId: user.id, version, ...newest!, title: "Plan", startDate: "2026-01-05" });
  }
  return consultancy;
}

console.log(`cores: ${cpus().length}, date: ${new Date().toISOString().slice(0, 10)}, database: ${handle.kind}`);
for (const clients of [50, 200]) {
  const started = performance.now();
  const consultancy = await consultancyWith(clients);
  const seeded = performance.now() - started;
  const membership = { user, session: {}, organization: consultancy, role: "owner" } as unknown as Membership;
  const { rows } = await loadPortfolio(membership);
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const start = performance.now();
    await loadPortfolio(membership);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${clients} clients (${rows.length} loaded, seeded in ${(seeded / 1000).toFixed(1)} s): median ${times[15]!.toFixed(1)} ms, p95 ${times[28]!.toFixed(1)} ms (30 runs)`);
}
await handle.close();
