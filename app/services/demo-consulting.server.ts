import type { Database } from "#db/client.ts";
import { insertAssessment, insertRespondents, transitionAssessment } from "#db/queries/assessments.ts";
import { insertEngagement } from "#db/queries/engagements.ts";
import { insertMembership, insertOrganization } from "#db/queries/organizations.ts";
import { findVersion } from "#db/queries/questionnaires.ts";
import { questionnaireVersionSchema } from "#app/domain/questionnaire/schema.ts";
import { generateSecret, hashSecret } from "#app/lib/tokens.server.ts";
import { refreshBenchmarkEntry } from "./benchmarks.server.ts";
import { random, seedClosed, seedDemoRoadmap } from "./demo-data.server.ts";
import { isoDay } from "#app/domain/format.ts";

export const DEMO_CONSULTANCY_SLUG = "demo-consulting";

/**
 * Clients at different stages of the journey: each closed assessment is answered `shift`
 * levels away from the demo's base profile; some have a roadmap that started `roadmapDaysAgo`.
 */
const CLIENTS = [
  {
    slug: "northwind-components",
    name: "Northwind Components (sample data)",
    industry: "Manufacturing",
    sizeBand: "250–999",
    region: "Europe",
    closed: [
      { title: "Baseline 2025 (sample data)", daysAgo: 400, shift: -0.9 },
      { title: "Re-assessment 2026 (sample data)", daysAgo: 45, shift: -0.3 },
    ],
    roadmapDaysAgo: 120,
  },
  {
    slug: "harbor-logistics",
    name: "Harbor Logistics (sample data)",
    industry: "Logistics and transport",
    sizeBand: "1,000–4,999",
    region: "North America",
    closed: [{ title: "KAM maturity 2026 (sample data)", daysAgo: 20, shift: 0.9 }],
    roadmapDaysAgo: 10,
  },
  {
    slug: "atlas-energy",
    name: "Atlas Energy (sample data)",
    industry: "Energy and utilities",
    sizeBand: "5,000+",
    region: "Middle East and Africa",
    closed: [{ title: "First assessment (sample data)", daysAgo: 60, shift: -1.3 }],
    roadmapDaysAgo: null,
  },
  {
    slug: "lumen-software",
    name: "Lumen Software (sample data)",
    industry: "Technology and software",
    sizeBand: "250–999",
    region: "Europe",
    closed: [{ title: "KAM maturity 2026 (sample data)", daysAgo: 90, shift: 0.3 }],
    roadmapDaysAgo: null,
  },
  {
    slug: "cedar-chemicals",
    name: "Cedar Chemicals (sample data)",
    industry: "Chemicals and materials",
    sizeBand: "1,000–4,999",
    region: "Europe",
    closed: [{ title: "Baseline (sample data)", daysAgo: 150, shift: -0.6 }],
    roadmapDaysAgo: null,
  },
  {
    slug: "meridian-health",
    name: "Meridian Health (sample data)",
    industry: "Healthcare and life sciences",
    sizeBand: "50–249",
    region: "Asia-Pacific",
    closed: [],
    roadmapDaysAgo: null,
  },
] as const;

/**
 * The demo consultancy: the demo user owns it, and it works for six sample clients and for
 * the demo organization itself, so the portfolio, heatmap and compare views have data.
 */
export async function seedDemoConsultancy(db: Database, input: { userId: string; demoOrganizationId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const stored = await findVersion(db, "kam-maturity", "1.0.0");
  if (!stored) return;
  const version = questionnaireVersionSchema.parse(stored.content);
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const consultancy = await insertOrganization(db, {
    slug: DEMO_CONSULTANCY_SLUG,
    name: "Demo Consulting (sample data)",
    kind: "consultancy",
    sampleData: true,
    industry: "Professional services",
    sizeBand: "50–249",
    region: "Europe",
  });
  if (!consultancy) return;
  await insertMembership(db, { organizationId: consultancy.id, userId: input.userId, role: "owner" });
  await insertEngagement(db, { clientId: input.demoOrganizationId, consultancyId: consultancy.id, role: "admin", createdBy: input.userId, startedAt: daysAgo(200) });

  const next = random(4242);
  for (const profile of CLIENTS) {
    const { closed, roadmapDaysAgo, ...fields } = profile;
    const client = await insertOrganization(db, { ...fields, sampleData: true });
    if (!client) continue;
    const engagement = await insertEngagement(db, { clientId: client.id, consultancyId: consultancy.id, role: "admin", createdBy: input.userId, startedAt: daysAgo(420) });
    const issuer = { createdBy: input.userId, engagementId: engagement.id };
    let newest: Awaited<ReturnType<typeof seedClosed>> | undefined;
    for (const assessment of closed) {
      newest = await seedClosed(
        db,
        stored,
        version,
        { organizationId: client.id, userId: input.userId, engagementId: engagement.id, title: assessment.title, targetProfile: null, closedAt: daysAgo(assessment.daysAgo), shift: assessment.shift },
        next,
      );
      await refreshBenchmarkEntry(client.id, newest.assessment.id, db);
    }
    if (newest && roadmapDaysAgo !== null) {
      await seedDemoRoadmap(db, {
        organizationId: client.id,
        userId: input.userId,
        version,
        ...newest,
        title: `KAM program ${client.name.replace(" (sample data)", "")} (sample data)`,
        startDate: isoDay(daysAgo(roadmapDaysAgo)),
      });
    }
    if (closed.length === 0) {
      // A first assessment still collecting answers: nothing scored yet.
      const open = await insertAssessment(db, { organizationId: client.id, questionnaireVersionId: stored.id, title: "First assessment (sample data)", targetProfile: null, createdBy: input.userId });
      await insertRespondents(db, [
        { assessmentId: open.id, name: "Ravi Sales (sample)", email: null, function: "sales", tokenHash: hashSecret(generateSecret()), userId: null, ...issuer },
        { assessmentId: open.id, name: "Mia Service (sample)", email: null, function: "service", tokenHash: hashSecret(generateSecret()), userId: null, ...issuer },
      ]);
      await transitionAssessment(db, open.id, "draft", "open", daysAgo(3));
    }
  }
}
