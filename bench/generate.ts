// Fills an empty PostgreSQL database (DATABASE_URL) with a realistic data set for the load
// benches, through COPY. Full scale (--scale 100k, the default): 10,000 organizations (50 of
// them consultancies), 100,000 closed assessments with results snapshots, about 500,000
// respondents and 25,000,000 answers, 20,000 roadmaps with milestones, benchmark entries.
// --scale 1k and 10k build 1,000 and 10,000 assessments and the rest in proportion.
//
// Whatever the scale, the same bench tenant is there, so the load benches compare like with
// like: the consultancy "bench-consultancy" with 200 clients (two closed assessments each),
// its first client "bench-client-000" with a roadmap of about 60 initiatives and an open
// assessment of 200 respondents whose link tokens are "bench-respondent-<n>", and the user
// bench@example.com (password "bench-password-1") who owns both.
//
// Run: DATABASE_URL=postgres://… npx tsx bench/generate.ts --scale 10k
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import type { Writable } from "node:stream";
import postgres from "postgres";
import { createDb, setDbHandle } from "../db/client.ts";
import { toEngineAnswers, type AnswerSave } from "../app/domain/assessments.ts";
import { entryScoresOf } from "../app/domain/benchmarks.ts";
import { INDUSTRIES, REGIONS, SIZE_BANDS } from "../app/domain/organization-options.ts";
import { questionnaireVersionSchema, textIn } from "../app/domain/questionnaire/schema.ts";
import { RESPONDENT_FUNCTIONS } from "../app/domain/respondents.ts";
import { buildRoadmap, planSummary, type PlannedInitiative } from "../app/domain/roadmap/generate.ts";
import { scoreAssessment, SCORING_ENGINE_VERSION, type Scorecard } from "../app/domain/scoring/index.ts";
import { hashPassword } from "../app/lib/password.server.ts";
import { hashSecret } from "../app/lib/tokens.server.ts";
import { getInitiativeLibrary } from "../app/services/initiatives.server.ts";
import { HORIZON_WEEKS } from "../app/services/roadmap-plans.server.ts";
import { requireValidSurveys, syncQuestionnaires } from "../app/services/surveys.server.ts";
import { BENCH, scaleOf, seeded } from "./fixtures.ts";
import { Progress } from "./progress.ts";

const scale = scaleOf(process.argv);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("Set DATABASE_URL to an empty PostgreSQL database.");

// --- sizes ----------------------------------------------------------------------------
const ASSESSMENTS = scale.assessments;
const share = ASSESSMENTS / 100_000;
const CONSULTANCIES = Math.max(3, Math.round(50 * share));
const ORGANIZATIONS = Math.max(BENCH.clients + 100, Math.round(10_000 * share));
const COMPANIES = ORGANIZATIONS - CONSULTANCIES;
const ROADMAPS = Math.max(BENCH.clients, Math.round(20_000 * share));
const QUESTION_SHARE = 0.9; // a respondent answers nine questions in ten
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 1);

const next = seeded(20261123);
// The bench clients draw from their own generator, so that what the benches read of them (the
// assessments, their respondents and answers) is the same at every scale, and a change in
// latency between scales comes from the data around them, not from a bigger page.
const tenant = seeded(1123);
const drawFor = (orgIndex: number) => (orgIndex < BENCH.clients ? tenant : next);
const pick = <T>(list: readonly T[], rand = next) => list[Math.floor(rand() * list.length)]!;

// COPY's text format: backslash, tab and line breaks escaped; \N is NULL.
const esc = (value: string) => value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
const cell = (value: string | number | boolean | null | undefined) =>
  value === null || value === undefined ? "\\N" : typeof value === "string" ? esc(value) : typeof value === "boolean" ? (value ? "t" : "f") : String(value);
const line = (...values: (string | number | boolean | null | undefined)[]) => values.map(cell).join("\t") + "\n";
const iso = (ms: number) => new Date(ms).toISOString();

// --- plan every organization's assessments first, so that totals (and the ETA) are known --
interface PlannedOrg {
  id: string;
  slug: string;
  kind: "company" | "consultancy";
  industry: string;
  sizeBand: string;
  region: string;
  optIn: boolean;
  assessments: { id: string; respondents: number; closedAt: number }[];
}
const organizations: PlannedOrg[] = [];
for (let i = 0; i < ORGANIZATIONS; i++) {
  const consultancy = i >= COMPANIES;
  const slug = consultancy ? (i === COMPANIES ? BENCH.consultancySlug : `consultancy-${i - COMPANIES}`) : i < BENCH.clients ? `bench-client-${String(i).padStart(3, "0")}` : `company-${i}`;
  organizations.push({
    id: randomUUID(),
    slug,
    kind: consultancy ? "consultancy" : "company",
    // The bench client's segment is fixed, so its benchmark covers the same share at every scale.
    industry: i === 0 ? "Manufacturing" : pick(INDUSTRIES, drawFor(i)),
    sizeBand: i === 0 ? "250–999" : pick(SIZE_BANDS, drawFor(i)),
    region: i === 0 ? "Europe" : pick(REGIONS, drawFor(i)),
    optIn: i === 0 || drawFor(i)() < 0.6,
    assessments: [],
  });
}
// The bench clients have two closed assessments a year apart at every scale; the other
// companies share the rest, one after another.
const plannedAssessment = (index: number, rand = next) => ({ id: randomUUID(), respondents: 3 + Math.floor(rand() * 5), closedAt: NOW - (30 + index * 365 + Math.floor(rand() * 200)) * DAY });
for (let c = 0; c < BENCH.clients; c++) for (let k = 1; k >= 0; k--) organizations[c]!.assessments.push(plannedAssessment(k, tenant));
for (let a: number = BENCH.clients * 2, c: number = BENCH.clients; a < ASSESSMENTS; a++, c = c + 1 >= COMPANIES ? BENCH.clients : c + 1) {
  organizations[c]!.assessments.push(plannedAssessment(0));
}
organizations.forEach((org, i) => {
  // Oldest first, a year apart.
  const rand = drawFor(i);
  org.assessments.forEach((a, k) => (a.closedAt = NOW - (30 + (org.assessments.length - 1 - k) * 365 + Math.floor(rand() * 200)) * DAY));
});
const respondentTotal = organizations.reduce((sum, o) => sum + o.assessments.reduce((s, a) => s + a.respondents, 0), 0) + BENCH.openRespondents;

// --- database ---------------------------------------------------------------------------
const handle = createDb({ databaseUrl });
setDbHandle(handle);
await handle.migrate();
await syncQuestionnaires(requireValidSurveys(), handle.db);
await handle.close();

const sql = postgres(databaseUrl, { max: 8, onnotice: () => {} });
const [{ count: existing }] = (await sql`select count(*)::int as count from organizations`) as unknown as [{ count: number }];
if (existing > 0) throw new Error(`The database already holds ${existing} organizations; generate into an empty database.`);
const [stored] = await sql`select id, content from questionnaire_versions where questionnaire_id = 'kam-maturity' and version = '1.0.0'`;
if (!stored) throw new Error("The kam-maturity 1.0.0 questionnaire is missing.");
const versionId = stored.id as string;
const version = questionnaireVersionSchema.parse(stored.content);
const library = getInitiativeLibrary(version.questionnaire, version.version);
if (!library) throw new Error("No initiative library for kam-maturity 1.0.0.");

const answerTotal = Math.round(respondentTotal * version.questions.length * QUESTION_SHARE);
// Rows to write; roadmap items are estimated at 150 a roadmap, so the ETA is approximate at the end.
const progress = new Progress(ORGANIZATIONS * 4 + ASSESSMENTS * 3 + respondentTotal + answerTotal + ROADMAPS * 151);
console.log(
  `scale ${scale.name}: ${ORGANIZATIONS.toLocaleString("en")} organizations (${CONSULTANCIES} consultancies), ${ASSESSMENTS.toLocaleString("en")} closed assessments, ` +
    `${respondentTotal.toLocaleString("en")} respondents, about ${answerTotal.toLocaleString("en")} answers, ${ROADMAPS.toLocaleString("en")} roadmaps`,
);
const started = performance.now();

// Bulk load without the indexes and keys of the big tables: build them once at the end.
const BIG = ["assessments", "respondents", "answers", "assessment_results", "benchmark_entries", "roadmaps", "roadmap_items", "engagements"];
const constraints = (await sql`
  select c.conname as name, c.conrelid::regclass::text as "table", c.contype as type, pg_get_constraintdef(c.oid) as definition
  from pg_constraint c
  where c.contype in ('p', 'u', 'f')
    and (c.conrelid::regclass::text = any(${BIG}) or (c.contype = 'f' and c.confrelid::regclass::text = any(${BIG})))`) as unknown as { name: string; table: string; type: string; definition: string }[];
const indexes = (await sql`
  select i.indexname as name, i.indexdef as definition from pg_indexes i
  where i.schemaname = 'public' and i.tablename = any(${BIG})
    and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`) as unknown as { name: string; definition: string }[];
for (const c of constraints.filter((c) => c.type === "f")) await sql.unsafe(`alter table "${c.table}" drop constraint "${c.name}"`);
for (const c of constraints.filter((c) => c.type !== "f")) await sql.unsafe(`alter table "${c.table}" drop constraint "${c.name}"`);
for (const i of indexes) await sql.unsafe(`drop index "${i.name}"`);

/** A COPY into `table` fed in chunks of about 256 KB, waiting when the socket is full. */
async function copyInto(table: string, columns: string[]) {
  const stream: Writable = await sql.unsafe(`copy "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) from stdin`).writable();
  let buffer = "";
  let rows = 0;
  return {
    async write(text: string, count = 1) {
      buffer += text;
      rows += count;
      if (buffer.length > 262_144) {
        const chunk = buffer;
        buffer = "";
        progress.add(rows);
        rows = 0;
        if (!stream.write(chunk)) await once(stream, "drain");
      }
    },
    async end() {
      progress.add(rows);
      stream.end(buffer);
      await once(stream, "finish");
    },
  };
}

// --- users, organizations, memberships, engagements, API tokens ------------------------
progress.phase("organizations");
const benchUserId = randomUUID();
const users = await copyInto("users", ["id", "email", "name", "password_hash"]);
await users.write(line(benchUserId, BENCH.email, "Bench User", await hashPassword(BENCH.password)));
// Owners of other organizations never sign in here; their hash is a placeholder.
const ownerIds = organizations.map(() => randomUUID());
for (const [i, org] of organizations.entries()) await users.write(line(ownerIds[i], `owner-${org.slug}@example.com`, `Owner ${i}`, "not-a-password-hash"));
await users.end();

const orgs = await copyInto("organizations", ["id", "slug", "name", "kind", "industry", "size_band", "region", "benchmark_opt_in", "created_at"]);
for (const [i, o] of organizations.entries()) await orgs.write(line(o.id, o.slug, o.kind === "consultancy" ? `Consultancy ${i - COMPANIES}` : `Company ${i}`, o.kind, o.industry, o.sizeBand, o.region, o.optIn, iso(NOW - 4 * 365 * DAY)));
await orgs.end();

const consultancies = organizations.slice(COMPANIES);
const benchConsultancy = consultancies[0]!;
const benchClient = organizations[0]!;
const memberships = await copyInto("memberships", ["organization_id", "user_id", "role"]);
for (const [i, o] of organizations.entries()) await memberships.write(line(o.id, ownerIds[i], "owner"));
await memberships.write(line(benchConsultancy.id, benchUserId, "owner"));
await memberships.write(line(benchClient.id, benchUserId, "owner"));
await memberships.end();

const engagements = await copyInto("engagements", ["id", "client_id", "consultancy_id", "role", "created_at", "started_at"]);
const since = iso(NOW - 2 * 365 * DAY);
for (let c = 0; c < COMPANIES; c++) {
  // The bench consultancy serves the 200 bench clients; the others share half of the rest.
  const consultancy = c < BENCH.clients ? benchConsultancy : next() < 0.5 ? consultancies[1 + (c % (CONSULTANCIES - 1))] : undefined;
  if (consultancy) await engagements.write(line(randomUUID(), organizations[c]!.id, consultancy.id, "admin", since, since));
}
await engagements.end();

const tokens = await copyInto("api_tokens", ["id", "organization_id", "name", "role", "token_hash", "created_by"]);
for (let t = 0; t < BENCH.apiTokens; t++) await tokens.write(line(randomUUID(), benchClient.id, `bench ${t}`, "viewer", hashSecret(BENCH.apiToken(t)), benchUserId));
await tokens.end();

// --- assessments, respondents, answers, results snapshots, benchmark entries ---------
progress.phase("assessments");
const ASSESSMENT_COLUMNS = ["id", "organization_id", "questionnaire_version_id", "title", "status", "created_by", "created_at", "opened_at", "closed_at", "previous_assessment_id"];
const RESPONDENT_COLUMNS = ["id", "assessment_id", "name", "function", "token_hash", "started_at", "submitted_at", "created_at"];
const ANSWER_COLUMNS = ["respondent_id", "question_id", "choice", "level", "comment", "client_sequence", "updated_at"];
const [assessmentCopy, respondentCopy, answerCopy, resultCopy] = await Promise.all([
  copyInto("assessments", ASSESSMENT_COLUMNS),
  copyInto("respondents", RESPONDENT_COLUMNS),
  copyInto("answers", ANSWER_COLUMNS),
  copyInto("assessment_results", ["id", "assessment_id", "scorecard", "engine_version", "created_at"]),
]);
const functions = RESPONDENT_FUNCTIONS;
const COMMENTS = ["We do this for the top three accounts only.", "Depends on the account manager.", "Finance is never asked.", "Planned for next year.", "Tab\tand \\ backslash survive COPY."];
const entries: { org: PlannedOrg; assessmentId: string; closedAt: number; scorecard: Scorecard }[] = [];
const newest = new Map<string, { id: string; scorecard: Scorecard }[]>();

for (const [orgIndex, org] of organizations.entries()) {
  const rand = drawFor(orgIndex);
  // Each organization has its own level and its own strong and weak dimensions.
  // The bench client starts low, so that its roadmap has about 60 initiatives.
  const level = org === organizations[0] ? 1 : 1.5 + rand() * 2.6;
  const tilt = Object.fromEntries(version.dimensions.map((d) => [d.id, (rand() - 0.5) * 1.4]));
  let previous: string | null = null;
  for (const [k, a] of org.assessments.entries()) {
    const shift = k * 0.3;
    await assessmentCopy.write(line(a.id, org.id, versionId, `KAM maturity ${new Date(a.closedAt).getUTCFullYear()}`, "closed", null, iso(a.closedAt - 30 * DAY), iso(a.closedAt - 28 * DAY), iso(a.closedAt), previous));
    previous = a.id;
    const responses = [];
    for (let r = 0; r < a.respondents; r++) {
      const respondentId = randomUUID();
      const fn = functions[(r * 3 + k) % functions.length]!;
      await respondentCopy.write(line(respondentId, a.id, `Respondent ${r + 1}`, fn, null, iso(a.closedAt - 20 * DAY), iso(a.closedAt - 2 * DAY), iso(a.closedAt - 28 * DAY)));
      const saves: AnswerSave[] = [];
      let text = "";
      const answeredAt = iso(a.closedAt - 5 * DAY);
      for (const [n, q] of version.questions.entries()) {
        if (rand() > QUESTION_SHARE) continue;
        const comment = rand() < 0.03 ? pick(COMMENTS, rand) : null;
        const save: AnswerSave =
          rand() < 0.04
            ? { questionId: q.id, choice: "dont_know", level: null, comment, sequence: n + 1 }
            : { questionId: q.id, choice: "level", level: Math.min(5, Math.max(1, Math.round(level + shift + tilt[q.dimension]! + (rand() - 0.5) * 1.6))), comment, sequence: n + 1 };
        saves.push(save);
        text += line(respondentId, q.id, save.choice, save.level, save.comment, save.sequence, answeredAt);
      }
      await answerCopy.write(text, saves.length);
      responses.push({ respondentId, function: fn, answers: toEngineAnswers(saves) });
    }
    const scorecard = scoreAssessment(version, responses);
    await resultCopy.write(line(randomUUID(), a.id, JSON.stringify(scorecard), SCORING_ENGINE_VERSION, iso(a.closedAt)));
    if (k === org.assessments.length - 1) entries.push({ org, assessmentId: a.id, closedAt: a.closedAt, scorecard });
    const list = newest.get(org.id) ?? [];
    list.unshift({ id: a.id, scorecard });
    newest.set(org.id, list);
  }
}

// The open assessment the autosave bench answers: 200 respondents with known link tokens.
const openId = randomUUID();
await assessmentCopy.write(line(openId, benchClient.id, versionId, BENCH.openTitle, "open", benchUserId, iso(NOW - 3 * DAY), iso(NOW - 3 * DAY), null, null));
for (let r = 0; r < BENCH.openRespondents; r++) {
  await respondentCopy.write(line(randomUUID(), openId, `Bench respondent ${r + 1}`, functions[r % functions.length]!, hashSecret(BENCH.respondentToken(r)), null, null, iso(NOW - 3 * DAY)));
}
await Promise.all([assessmentCopy.end(), respondentCopy.end(), answerCopy.end(), resultCopy.end()]);

progress.phase("benchmark entries");
const entryCopy = await copyInto("benchmark_entries", ["organization_id", "questionnaire_version_id", "assessment_id", "industry", "size_band", "region", "platform_pool", "overall_index", "dimension_means", "closed_at"]);
for (const e of entries) {
  const scores = entryScoresOf(e.scorecard);
  await entryCopy.write(line(e.org.id, versionId, e.assessmentId, e.org.industry, e.org.sizeBand, e.org.region, e.org.optIn, scores.index, JSON.stringify(scores.dimensions), iso(e.closedAt)));
}
await entryCopy.end();

// --- roadmaps: a plan per roadmap from a handful of generated plans -------------------
progress.phase("roadmaps");
const dimensions = Object.fromEntries(version.dimensions.map((d) => [d.id, { name: textIn(d.name), weight: d.weight }]));
const planFor = (scorecard: Scorecard, capacity: number, startDate: string) =>
  buildRoadmap(scorecard, library, { startDate, capacity, horizonWeeks: HORIZON_WEEKS, evidence: `Assessment index ${scorecard.overall.index}.`, dimensions, targetProfile: { governance: 3, competencies: 3 } });
const roadmapCopy = await copyInto("roadmaps", ["id", "organization_id", "title", "baseline_assessment_id", "assessment_id", "library_id", "library_version", "start_date", "capacity", "horizon_weeks", "plan", "created_by", "created_at"]);
const itemCopy = await copyInto("roadmap_items", [
  "id", "roadmap_id", "parent_id", "kind", "key", "phase", "dimension", "level", "element", "title", "description", "owner_role",
  "start_date", "due_date", "effort_weeks", "status", "depends_on", "position", "reason", "effect", "completed_at",
]);
const arrayLiteral = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
let itemCount = 0;
for (let r = 0; r < ROADMAPS; r++) {
  const org = organizations[r % COMPANIES]!;
  const rand = drawFor(r % COMPANIES);
  const list = newest.get(org.id);
  if (!list) continue;
  const base = list[Math.floor(r / COMPANIES) % list.length]!;
  const startDate = iso(NOW - 150 * DAY).slice(0, 10);
  // The bench roadmap takes the widest plan; the others a capacity a program might choose.
  const plan = planFor(base.scorecard, r === 0 ? BENCH.roadmapCapacity : 1 + (r % 3), startDate);
  const roadmapId = randomUUID();
  await roadmapCopy.write(line(roadmapId, org.id, r === 0 ? BENCH.roadmapTitle : `KAM transformation ${r}`, base.id, base.id, library.library, library.version, startDate, r === 0 ? BENCH.roadmapCapacity : 1 + (r % 3), HORIZON_WEEKS, JSON.stringify(planSummary(plan)), ownerIds[r % COMPANIES], iso(NOW - 150 * DAY)));
  const initiatives: PlannedInitiative[] = plan.phases.flatMap((p) => p.initiatives);
  let text = "";
  let rows = 0;
  for (const [n, initiative] of initiatives.entries()) {
    const parentId = randomUUID();
    const position = n + 1;
    const done = initiative.phase === "knowledge" && rand() < 0.7;
    text += line(parentId, roadmapId, null, "initiative", initiative.id, initiative.phase, initiative.dimension, initiative.level, initiative.element, initiative.title, initiative.description, initiative.ownerRole,
      initiative.start, initiative.end, initiative.effortWeeks, done ? "done" : "not_started", arrayLiteral(initiative.dependsOn), position, initiative.reason, initiative.effect, done ? iso(NOW - 60 * DAY) : null);
    for (const [m, milestone] of initiative.milestones.entries()) {
      const finished = done || milestone.done;
      text += line(randomUUID(), roadmapId, parentId, "milestone", milestone.id, initiative.phase, initiative.dimension, initiative.level, initiative.element, milestone.title, milestone.acceptance, null,
        null, milestone.due, null, finished ? "done" : "not_started", "{}", position * 10 + m, null, null, finished ? iso(NOW - 60 * DAY) : null);
      rows++;
    }
    rows++;
  }
  itemCount += rows;
  await itemCopy.write(text, rows);
}
await Promise.all([roadmapCopy.end(), itemCopy.end()]);
progress.done();
const loaded = performance.now();
console.log(`loaded in ${((loaded - started) / 1000).toFixed(1)} s (${itemCount.toLocaleString("en")} roadmap items)`);

// --- keys and indexes, two at a time (one per core), then statistics ------------------
async function inTurn(statements: string[], lanes = 2) {
  const queue = [...statements];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      await sql.reserve().then(async (connection) => {
        await connection.unsafe("set maintenance_work_mem = '256MB'");
        for (let s = queue.shift(); s; s = queue.shift()) {
          const t = performance.now();
          await connection.unsafe(s);
          if (performance.now() - t > 5_000) console.log(`  ${((performance.now() - t) / 1000).toFixed(1)} s  ${s.slice(0, 110)}`);
        }
        connection.release();
      });
    }),
  );
}
console.log("building keys and indexes");
const keyStatements = constraints.filter((c) => c.type !== "f").map((c) => `alter table "${c.table}" add constraint "${c.name}" ${c.definition}`);
// The largest first, so that the two lanes finish together.
keyStatements.sort((a, b) => Number(b.includes('"answers"')) - Number(a.includes('"answers"')));
await inTurn(keyStatements);
await inTurn([...indexes.map((i) => i.definition), ...constraints.filter((c) => c.type === "f").map((c) => `alter table "${c.table}" add constraint "${c.name}" ${c.definition}`)]);
console.log("vacuum and analyze");
await inTurn([...BIG, "organizations", "users", "memberships", "api_tokens"].map((t) => `vacuum (analyze) "${t}"`));
const finished = performance.now();
const [{ size }] = (await sql`select pg_size_pretty(pg_database_size(current_database())) as size`) as unknown as [{ size: string }];
const counts = await sql`
  select (select count(*) from organizations)::int as organizations, (select count(*) from assessments)::int as assessments,
         (select count(*) from respondents)::int as respondents, (select count(*) from answers)::int as answers,
         (select count(*) from roadmaps)::int as roadmaps, (select count(*) from roadmap_items)::int as roadmap_items,
         (select count(*) from benchmark_entries)::int as benchmark_entries, (select count(*) from engagements)::int as engagements`;
console.log(counts[0]);
console.log(`done in ${((finished - started) / 1000).toFixed(1)} s: load ${((loaded - started) / 1000).toFixed(1)} s, keys, indexes and vacuum ${((finished - loaded) / 1000).toFixed(1)} s; database ${size}`);
await sql.end({ timeout: 5 });
