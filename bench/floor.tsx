// The floor for the load benches: the least work that gives the same answer. A bare node:http
// server with postgres.js (no Express, no Remix, no ORM) that checks the same credentials,
// runs the same SQL as the app, computes with the same domain functions and renders the same
// route component with renderToString (or the same JSON). What it leaves out is exactly the
// app's overhead: framework routing, the document shell and its hydration data, the ORM and
// per-request validation of stored content. Started by bench/load.ts; PORT and DATABASE_URL.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import postgres from "postgres";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server.js";
import { toEngineAnswers, saveProblem, answerSaveBatchSchema, type AnswerSave } from "#app/domain/assessments.ts";
import { benchmarkFor, entryScoresOf, type BenchmarkEntry, type BenchmarkPool } from "#app/domain/benchmarks.ts";
import { benchmarkView, poolLabel, poolFromSearchParams, segmentFromSearchParams } from "#app/domain/benchmark-view.ts";
import { compareOverTime } from "#app/domain/comparison.ts";
import { questionnaireVersionSchema, textIn, type QuestionnaireVersion } from "#app/domain/questionnaire/schema.ts";
import { resultsView } from "#app/domain/results-view.ts";
import { explainScore, perceptionGaps, type Scorecard } from "#app/domain/scoring/index.ts";
import { signInSchema } from "#app/domain/accounts.ts";
import { verifyPassword } from "#app/lib/password.server.ts";
import { generateSecret, secretMatchesHash, hashSecret } from "#app/lib/tokens.server.ts";
import { buildPortfolio, filterPortfolio, sortPortfolio, type ClientAssessment, type ClientRoadmapCounts, type PortfolioClient } from "#app/domain/portfolio.ts";
import { currentPhaseOfGates, phaseGates, type GateTick } from "#app/domain/roadmap/gates.ts";
import { measuredChange } from "#app/domain/roadmap/loop.ts";
import { loopRounds } from "#app/domain/roadmap/regeneration.ts";
import { progressOf } from "#app/domain/roadmap/tracking.ts";
import { roleAtLeast, type Role } from "#app/domain/roles.ts";
import Results from "#app/routes/orgs.$slug.assessments.$assessmentId_.results.tsx";
import Portfolio from "#app/routes/orgs.$slug.clients._index.tsx";
import Roadmap from "#app/routes/orgs.$slug.roadmaps.$roadmapId.tsx";
import { findInitiativeLibrary } from "#app/services/initiatives.server.ts";

const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });
// The roadmap's rows in the shape the app's queries give them: camelCase, dates as strings.
const camel = postgres(process.env.DATABASE_URL!, {
  max: 10,
  onnotice: () => {},
  transform: postgres.camel,
  types: { date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x } },
});

// Published versions never change, so one read and parse per version, as the app does.
const versions = new Map<string, QuestionnaireVersion>();
async function versionById(id: string) {
  let parsed = versions.get(id);
  if (!parsed) {
    const [row] = await sql`select content from questionnaire_versions where id = ${id}`;
    versions.set(id, (parsed = questionnaireVersionSchema.parse(row!.content)));
  }
  return parsed;
}
/** For queries that still carry the content (the roadmap page and the portfolio, as in the app). */
const versionOf = (id: string, content: unknown) => {
  let parsed = versions.get(id);
  if (!parsed) versions.set(id, (parsed = questionnaireVersionSchema.parse(content)));
  return parsed;
};
const versionIds = new Map<string, string>();
async function versionByLabel(questionnaire: string, version: string) {
  const label = `${questionnaire}@${version}`;
  let id = versionIds.get(label);
  if (!id) {
    const [row] = await sql`select id, content from questionnaire_versions where questionnaire_id = ${questionnaire} and version = ${version}`;
    if (!row) return undefined;
    versions.set(row.id, questionnaireVersionSchema.parse(row.content));
    versionIds.set(label, (id = row.id as string));
  }
  return { id, version: versions.get(id)! };
}

async function sessionUser(req: IncomingMessage) {
  const token = /(?:^|;\s*)(?:__Host-)?session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
  const [id, secret] = token?.split(".") ?? [];
  if (!id || !secret) return undefined;
  const [row] = await sql`select s.secret_hash, s.expires_at, u.id, u.email, u.name from sessions s join users u on u.id = s.user_id where s.id = ${id}`;
  return row && secretMatchesHash(secret, row.secret_hash) && row.expires_at > new Date() ? row : undefined;
}

async function membership(slug: string, userId: string) {
  const [row] = await sql`
    select o.*, m.role from organizations o
    left join memberships m on m.organization_id = o.id and m.user_id = ${userId}
    where o.slug = ${slug}`;
  return row?.role ? row : undefined;
}

// The pool kept per version with its stamp, read again when the stamp changes, as the app does.
const pools = new Map<string, { stamp: number; pool: BenchmarkPool }>();
async function platformPool(versionId: string, sampleData: boolean, version: QuestionnaireVersion): Promise<BenchmarkPool> {
  const key = `${versionId}:${sampleData}`;
  const [row] = await sql`select changes from benchmark_pool_stamps where questionnaire_version_id = ${versionId}`;
  const stamp = Number(row?.changes ?? 0);
  const kept = pools.get(key);
  if (kept?.stamp === stamp) return kept.pool;
  const rows = await sql`
    select b.organization_id, b.industry, b.size_band, b.region, b.overall_index, b.dimension_means from benchmark_entries b
    join organizations o on o.id = b.organization_id
    where b.questionnaire_version_id = ${versionId} and b.platform_pool = true and o.sample_data = ${sampleData}`;
  const { questionnaire, version: label } = version;
  const pool = { questionnaire, version: label, dimensionIds: version.dimensions.map((d) => d.id), entries: rows.map((r) => toEntry(r, questionnaire, label)) };
  pools.set(key, { stamp, pool });
  return pool;
}

const toEntry = (row: postgres.Row, questionnaire: string, version: string): BenchmarkEntry => ({
  organizationId: row.organization_id,
  industry: row.industry,
  sizeBand: row.size_band,
  region: row.region,
  questionnaire,
  version,
  index: row.overall_index,
  dimensions: row.dimension_means,
});

/** The results page's data, computed as its loader does. */
async function resultsData(url: URL, slug: string, assessmentId: string, userId: string) {
  const org = await membership(slug, userId);
  if (!org) return undefined;
  // The assessment and the closed ones of its questionnaire, each with its newest snapshot.
  const rows = await sql`
    select a.*, (select r.scorecard from assessment_results r where r.assessment_id = a.id order by r.created_at desc limit 1) as scorecard
    from assessments a join questionnaire_versions v on v.id = a.questionnaire_version_id
    where a.organization_id = ${org.id}
      and v.questionnaire_id in (select sv.questionnaire_id from assessments sa join questionnaire_versions sv on sv.id = sa.questionnaire_version_id where sa.id = ${assessmentId} and sa.organization_id = ${org.id})
      and (a.id = ${assessmentId} or a.status = 'closed')
    order by a.closed_at, a.created_at`;
  const row = rows.find((r) => r.id === assessmentId);
  if (!row) return undefined;
  const version = await versionById(row.questionnaire_version_id);
  const [people, stored, pool] = await Promise.all([
    sql`select id, function from respondents where assessment_id = ${assessmentId} order by created_at`,
    sql`select a.respondent_id, a.question_id, a.choice, a.level, a.comment from answers a join respondents r on r.id = a.respondent_id where r.assessment_id = ${assessmentId}`,
    platformPool(row.questionnaire_version_id, org.sample_data, version),
  ]);
  const byRespondent = new Map<string, { questionId: string; choice: AnswerSave["choice"] | null; level: number | null }[]>();
  for (const a of stored) byRespondent.set(a.respondent_id, [...(byRespondent.get(a.respondent_id) ?? []), { questionId: a.question_id, choice: a.choice, level: a.level }]);
  const responses = people
    .map((p) => ({ respondentId: p.id as string, function: p.function, answers: toEngineAnswers(byRespondent.get(p.id) ?? []) }))
    .filter((r) => r.answers.length > 0);
  const scorecard = row.scorecard as Scorecard;
  const options = { targetProfile: row.target_profile ?? undefined, minimumGroupSize: scorecard.minimumGroupSize };
  const focus = scorecard.gaps
    .filter((g) => g.gap > 0)
    .slice(0, 3)
    .map((g) => ({ ...g, explanation: explainScore(version, responses, g.dimensionId, options) }));
  const perception = perceptionGaps(scorecard);
  const before = row.closed_at as Date;
  const earlier = rows.filter((e) => e !== row && e.status === "closed" && e.closed_at < before && e.scorecard);
  const series = await Promise.all(
    earlier.map(async (e) => ({ id: e.id as string, title: e.title as string, date: (e.closed_at as Date).toISOString(), provisional: false, version: await versionById(e.questionnaire_version_id), scorecard: e.scorecard as Scorecard, responses: [] })),
  );
  const comparison =
    series.length === 0
      ? null
      : compareOverTime([...series, { id: row.id, title: row.title, date: before.toISOString(), provisional: false, version, scorecard, responses }], new Map([[version.version, version]]), scorecard.minimumGroupSize);
  const search = url.searchParams;
  const filter = segmentFromSearchParams(search);
  const subject = { organizationId: org.id, industry: org.industry, sizeBand: org.size_band, region: org.region, questionnaire: version.questionnaire, version: version.version, ...entryScoresOf(scorecard) };
  const loaded = { pool: "platform" as const, poolLabel: poolLabel("platform", org.sample_data), sampleData: org.sample_data as boolean, benchmark: benchmarkFor(pool, filter, { subject }) };
  return {
    slug,
    canExportAnswers: true,
    id: row.id,
    title: row.title,
    questionnaire: `${textIn(version.title)} ${version.version}`,
    provisional: false,
    ...resultsView(version, scorecard, perception, focus),
    comparison,
    filter,
    pool: poolFromSearchParams(search),
    pools: ["platform"],
    benchmark: benchmarkView(loaded, version.dimensions.map((d) => d.id)),
  };
}

/** The roadmap page's data, computed as its loader does (loadRoadmap and loadRoadmapLoop). */
async function roadmapData(slug: string, roadmapId: string, userId: string) {
  const org = await membership(slug, userId);
  if (!org) return undefined;
  const [roadmap] = await camel`select * from roadmaps where id = ${roadmapId} and organization_id = ${org.id}`;
  if (!roadmap) return undefined;
  const today = new Date().toISOString().slice(0, 10);
  const [rows, checks, notes, members, assessments, closed] = await Promise.all([
    camel`select i.*, u.name as owner_name from roadmap_items i left join users u on u.id = i.owner_id where i.roadmap_id = ${roadmap.id} order by i.position`,
    camel`select g.phase, g.criterion_id, g.checked_at, u.name as checked_by_name from roadmap_gate_checks g left join users u on u.id = g.checked_by where g.roadmap_id = ${roadmap.id}`,
    camel`select n.item_id, count(*)::int as count from roadmap_notes n join roadmap_items i on i.id = n.item_id where i.roadmap_id = ${roadmap.id} group by n.item_id`,
    camel`select u.id, u.name from memberships m join users u on u.id = m.user_id where m.organization_id = ${org.id} order by u.name`,
    camel`select a.id, a.title, a.closed_at, v.id as version_id, v.content from assessments a join questionnaire_versions v on v.id = a.questionnaire_version_id where a.organization_id = ${org.id} and a.id in ${camel([roadmap.baselineAssessmentId, roadmap.assessmentId])}`,
    camel`
      select a.id, a.title, a.closed_at,
        (select r.scorecard from assessment_results r where r.assessment_id = a.id order by r.created_at desc limit 1) as scorecard
      from assessments a join questionnaire_versions v on v.id = a.questionnaire_version_id
      where a.organization_id = ${org.id} and v.questionnaire_id = 'kam-maturity' and a.status = 'closed' order by a.closed_at`,
  ]);
  const library = findInitiativeLibrary(roadmap.libraryId, roadmap.libraryVersion);
  const gates = phaseGates((phase) => (library?.gates[phase] ?? []).map((g) => ({ id: g.id, text: textIn(g.text) })), checks.map((c) => ({ ...c, phase: c.phase as GateTick["phase"], criterionId: String(c.criterionId) })));
  const items = rows.map(({ ownerName, ...item }): postgres.Row => ({ ...item, ownerName, notes: notes.find((n) => n.itemId === item.id)?.count ?? 0 }));
  const live = items.filter((i) => i.removedAt === null);
  // Loop: the measured change since the baseline, and a newer closed assessment to regenerate from.
  const baseline = assessments.find((a) => a.id === roadmap.baselineAssessmentId)!;
  const current = assessments.find((a) => a.id === roadmap.assessmentId)!;
  const version = versionOf(baseline.versionId, baseline.content);
  const closedRound = (a: postgres.Row) => ({ id: String(a.id), title: String(a.title), closedAt: a.closedAt as Date | null, scorecard: a.scorecard as Scorecard });
  const scored = closed.filter((a) => a.scorecard && a.closedAt);
  const { regenerateFrom, baselineRow, latest } = loopRounds(scored.map(closedRound), closedRound(baseline), closedRound(current));
  const meansOf = (scorecard: Scorecard) => Object.fromEntries(scorecard.dimensions.map((d) => [d.dimensionId, d.mean]));
  const summary = roadmap.plan as { projection: { profile: Record<string, number> }[] };
  const role = org.role as Role;
  return {
    roadmap: { id: roadmap.id, title: roadmap.title, startDate: roadmap.startDate, capacity: roadmap.capacity },
    summary: roadmap.plan,
    items: live,
    removed: items.filter((i) => i.removedAt !== null),
    gates,
    currentPhase: currentPhaseOfGates(gates),
    progress: progressOf(live as never, today),
    today,
    members: members.map((m) => ({ id: m.id, name: m.name })),
    slug,
    canEdit: roleAtLeast(role, "program_lead"),
    loop: {
      regenerateFrom: regenerateFrom ? { id: regenerateFrom.id, title: regenerateFrom.title } : null,
      baseline: { id: baseline.id, title: baseline.title },
      latest: latest ? { id: latest.id, title: latest.title, closedAt: (latest.closedAt as Date).toISOString().slice(0, 10) } : null,
      change:
        baselineRow && latest
          ? measuredChange({
              dimensions: version.dimensions.map((d) => ({ id: d.id, name: textIn(d.name), weight: d.weight })),
              baseline: { means: meansOf(baselineRow.scorecard), index: baselineRow.scorecard.overall.index },
              latest: { means: meansOf(latest.scorecard), index: latest.scorecard.overall.index },
              projected: summary.projection.at(-1)?.profile ?? {},
            })
          : null,
      calendarIssued: roadmap.calendarTokenHash !== null,
    },
  };
}

/** The portfolio page's data with its default filter and sort, computed as its loader does. */
async function portfolioData(slug: string, userId: string) {
  const org = await membership(slug, userId);
  if (!org || org.kind !== "consultancy") return undefined;
  const clients = (await camel`
    select e.id as engagement_id, e.role, e.started_at, c.id, c.slug, c.name, c.industry, c.size_band, c.region
    from engagements e join organizations c on c.id = e.client_id
    where e.consultancy_id = ${org.id} and e.started_at is not null and e.ended_at is null order by c.name`) as unknown as PortfolioClient[];
  const ids = clients.map((c) => c.id);
  const today = new Date().toISOString().slice(0, 10);
  const [assessments, roadmaps] = await Promise.all([
    camel`
      select a.id, a.organization_id, a.title, a.status, a.created_at, a.closed_at, a.questionnaire_version_id, v.version, v.questionnaire_id,
        case when a.status = 'closed' then (select jsonb_build_object('overall', r.scorecard->'overall', 'dimensions', r.scorecard->'dimensions')
          from assessment_results r where r.assessment_id = a.id order by r.created_at desc limit 1) end as scorecard
      from assessments a join questionnaire_versions v on v.id = a.questionnaire_version_id
      where a.organization_id in ${camel(ids)} order by a.created_at desc`,
    camel`
      select n.organization_id, n.id as roadmap_id, n.title, counts.phase,
        coalesce(counts.total, 0) as total, coalesce(counts.done, 0) as done, coalesce(counts.overdue, 0) as overdue
      from (select distinct on (organization_id) id, organization_id, title from roadmaps where organization_id in ${camel(ids)} order by organization_id, created_at desc) n
      left join lateral (
        select phase, count(*)::int as total, count(*) filter (where status = 'done')::int as done,
          count(*) filter (where status <> 'done' and due_date < ${today})::int as overdue
        from roadmap_items where roadmap_id = n.id and kind = 'milestone' and removed_at is null and no_longer_needed = false group by phase
      ) counts on true`,
  ]);
  const rows = buildPortfolio(clients, assessments as unknown as ClientAssessment[], roadmaps as unknown as ClientRoadmapCounts[]);
  const newest = rows.flatMap((row) => (row.scored ? [row.scored] : [])).sort((a, b) => b.closedAt.getTime() - a.closedAt.getTime())[0];
  const [stored] = newest ? await sql`select id, content from questionnaire_versions where questionnaire_id = 'kam-maturity' and version = ${newest.version}` : [];
  const dimensions = stored ? versionOf(stored.id, stored.content).dimensions.map((d) => ({ id: d.id, name: textIn(d.name) })) : [];
  const query = { sort: "name" as const, dir: "asc" as const };
  const serialize = (row: (typeof rows)[number]) => ({
    slug: row.slug,
    name: row.name,
    industry: row.industry,
    sizeBand: row.sizeBand,
    region: row.region,
    role: row.role,
    latest: row.latest,
    index: row.scored?.index ?? null,
    stage: row.scored?.stage ?? null,
    scoredAssessmentId: row.scored?.assessmentId ?? null,
    scores: dimensions.map((d) => row.scored?.dimensions[d.id] ?? null),
    change: row.change,
    roadmap: row.roadmap,
  });
  return {
    slug,
    canAddClients: roleAtLeast(org.role as Role, "admin"),
    total: rows.length,
    query,
    problems: [],
    dimensions,
    clients: sortPortfolio(filterPortfolio(rows, {}), query.sort, false).map(serialize),
    compared: [],
    selected: [],
  };
}

async function renderPage(url: URL, data: object, Component: () => React.ReactElement) {
  const handler = createStaticHandler([{ path: "*", loader: () => data, Component }]);
  const context = await handler.query(new Request(url));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const router = createStaticRouter(handler.dataRoutes, context);
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>KAM Navigator</title></head><body>${renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />)}</body></html>`;
}

/** GET /api/v1/benchmarks as the app answers it, with the same rate-limit count per token. */
async function benchmarkApi(req: IncomingMessage, url: URL) {
  const secret = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
  if (!secret) return [401, { error: { code: "unauthorized" } }] as const;
  const now = new Date();
  const windowStart = new Date(now.getTime() - 60_000);
  const [token] = await sql`
    update api_tokens set last_used_at = ${now},
      rate_window_start = case when rate_window_start is not null and rate_window_start > ${windowStart} then rate_window_start else ${now} end,
      rate_window_count = case when rate_window_start is not null and rate_window_start > ${windowStart} then rate_window_count + 1 else 1 end
    where token_hash = ${hashSecret(secret)} and revoked_at is null returning *`;
  if (!token) return [401, { error: { code: "unauthorized" } }] as const;
  if (token.rate_window_count > 120) return [429, { error: { code: "rate_limited" } }] as const;
  const [[org], stored] = await Promise.all([
    sql`select o.* from organizations o join users u on u.id = ${token.created_by} where o.id = ${token.organization_id}`,
    versionByLabel(url.searchParams.get("questionnaire") ?? "", url.searchParams.get("version") ?? ""),
  ]);
  if (!org || !stored) return [404, { error: { code: "not_found" } }] as const;
  const { version } = stored;
  const [pool, [own]] = await Promise.all([platformPool(stored.id, org.sample_data, version), sql`select * from benchmark_entries where organization_id = ${org.id} and questionnaire_version_id = ${stored.id}`]);
  const q = version.questionnaire;
  const v = version.version;
  const filter = segmentFromSearchParams(url.searchParams);
  const benchmark = benchmarkFor(pool, filter, { subject: own && toEntry(own, q, v) });
  const common = { questionnaire: q, version: v, pool: "platform", poolLabel: poolLabel("platform", org.sample_data), sampleData: org.sample_data, segment: benchmark.filter };
  return [
    200,
    benchmark.suppressed
      ? { ...common, suppressed: true, reason: benchmark.reason, n: null, index: null, dimensions: [] }
      : { ...common, suppressed: false, reason: null, n: benchmark.n, index: benchmark.index, dimensions: benchmark.dimensions },
  ] as const;
}

/** POST /a/<token>/answers: the same checks and the same two statements as the app. */
async function autosave(token: string, body: string) {
  const [row] = await sql`
    select r.id, r.submitted_at, a.status, a.questionnaire_version_id from respondents r
    join assessments a on a.id = r.assessment_id
    where r.token_hash = ${hashSecret(token)}`;
  if (!row) return [404, { error: { code: "not_found" } }] as const;
  if (row.status !== "open" || row.submitted_at) return [409, { error: { code: "not_writable" } }] as const;
  const parsed = answerSaveBatchSchema.safeParse(JSON.parse(body));
  if (!parsed.success) return [400, { error: { code: "invalid" } }] as const;
  const version = await versionById(row.questionnaire_version_id);
  if (parsed.data.saves.some((s) => saveProblem(version, s) !== null)) return [400, { error: { code: "invalid" } }] as const;
  const newest = new Map<string, AnswerSave>();
  for (const s of parsed.data.saves) if (!newest.has(s.questionId) || s.sequence > newest.get(s.questionId)!.sequence) newest.set(s.questionId, s);
  const now = new Date();
  const rows = [...newest.values()].map((s) => ({ respondent_id: row.id, question_id: s.questionId, choice: s.choice, level: s.level, comment: s.comment, client_sequence: s.sequence, updated_at: now }));
  await sql`
    insert into answers ${sql(rows)} on conflict (respondent_id, question_id) do update set
      choice = excluded.choice, level = excluded.level, comment = excluded.comment, client_sequence = excluded.client_sequence, updated_at = excluded.updated_at
    where answers.client_sequence < excluded.client_sequence`;
  await sql`update respondents set started_at = ${now} where id = ${row.id} and started_at is null`;
  return [200, { saved: parsed.data.saves.map((s) => ({ questionId: s.questionId, sequence: s.sequence })) }] as const;
}

/** POST /signin: the same rate-limit count, argon2id verification and writes as the app. */
async function signIn(body: string, ip: string) {
  const parsed = signInSchema.safeParse(Object.fromEntries(new URLSearchParams(body)));
  if (!parsed.success) return { status: 400 } as const;
  const { email, password } = parsed.data;
  const since = new Date(Date.now() - 15 * 60_000);
  const [failures] = await sql`
    select count(*) filter (where email = ${email}) as by_email, count(*) filter (where ip = ${ip}) as by_ip from login_attempts
    where succeeded = false and created_at > ${since} and (email = ${email} or ip = ${ip})`;
  if (Number(failures!.by_email) >= 10 || Number(failures!.by_ip) >= 10) return { status: 429 } as const;
  const [user] = await sql`select id, password_hash from users where email = ${email}`;
  const ok = user ? await verifyPassword(user.password_hash, password) : false;
  await sql`insert into login_attempts (email, ip, succeeded) values (${email}, ${ip}, ${ok})`;
  if (!user || !ok) return { status: 400 } as const;
  const id = generateSecret(15);
  const secret = generateSecret(32);
  await sql`insert into sessions (id, secret_hash, user_id, expires_at) values (${id}, ${hashSecret(secret)}, ${user.id}, ${new Date(Date.now() + 30 * 86_400_000)})`;
  await sql`insert into audit_log (actor_id, action, details) values (${user.id}, 'auth.signed_in', ${sql.json({ ip })})`;
  return { status: 302, cookie: `__Host-session=${id}.${secret}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=34560000` } as const;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });

function send(res: ServerResponse, status: number, body: string, type: string) {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}
const json = (res: ServerResponse, [status, value]: readonly [number, unknown]) => send(res, status, JSON.stringify(value), "application/json");

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? "/", "http://floor");
    const results = /^\/orgs\/([^/]+)\/assessments\/([0-9a-f-]{36})\/results$/.exec(url.pathname);
    const answers = /^\/a\/([^/]+)\/answers$/.exec(url.pathname);
    if (results && req.method === "GET") {
      const user = await sessionUser(req);
      if (!user) return send(res, 302, "", "text/plain");
      const data = await resultsData(url, results[1]!, results[2]!, user.id);
      return data ? send(res, 200, await renderPage(url, data, Results), "text/html; charset=utf-8") : send(res, 404, "Not found", "text/plain");
    }
    const clients = /^\/orgs\/([^/]+)\/clients$/.exec(url.pathname);
    if (clients && req.method === "GET") {
      const user = await sessionUser(req);
      if (!user) return send(res, 302, "", "text/plain");
      const data = await portfolioData(clients[1]!, user.id);
      return data ? send(res, 200, await renderPage(url, data, Portfolio), "text/html; charset=utf-8") : send(res, 404, "Not found", "text/plain");
    }
    const roadmap = /^\/orgs\/([^/]+)\/roadmaps\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (roadmap && req.method === "GET") {
      const user = await sessionUser(req);
      if (!user) return send(res, 302, "", "text/plain");
      const data = await roadmapData(roadmap[1]!, roadmap[2]!, user.id);
      return data ? send(res, 200, await renderPage(url, data, Roadmap), "text/html; charset=utf-8") : send(res, 404, "Not found", "text/plain");
    }
    if (url.pathname === "/api/v1/benchmarks" && req.method === "GET") return json(res, await benchmarkApi(req, url));
    if (answers && req.method === "POST") return json(res, await autosave(decodeURIComponent(answers[1]!), await readBody(req)));
    if (url.pathname === "/signin" && req.method === "POST") {
      const result = await signIn(await readBody(req), req.socket.remoteAddress ?? "");
      if (result.status !== 302) return send(res, result.status, "Sign-in failed", "text/plain");
      res.writeHead(302, { Location: "/orgs", "Set-Cookie": result.cookie, "Content-Length": 0 });
      return res.end();
    }
    send(res, 404, "Not found", "text/plain");
  } catch (error) {
    console.error(error);
    send(res, 500, "Error", "text/plain");
  }
});

server.listen(Number(process.env.PORT ?? 3171), "127.0.0.1", () => console.log(`floor listening on ${process.env.PORT ?? 3171}`));
const stop = () => server.close(() => void Promise.all([sql.end({ timeout: 2 }), camel.end({ timeout: 2 })]).then(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
