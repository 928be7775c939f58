// Indexes: the statements the main pages and API routes really issue (heard on the database
// handle, so this test follows the code) are EXPLAINed, and none may read answers,
// assessments or roadmap items (initiatives and milestones) by a sequential scan.
//
// On the few rows a test seeds, Postgres picks sequential scans whatever indexes exist, and
// seeding enough rows for it to prefer an index would take far longer on PGlite than the rest
// of this file. So each EXPLAIN runs with `enable_seqscan = off`: the planner then takes any
// index that can serve the query, and still shows a Seq Scan where none can. A Seq Scan on
// those tables here means a missing index, not a small table.
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { getDbHandle } from "#db/client.ts";
import { loadQuestionnaires, sharedWorld } from "#test/factories.ts";
import { API, measure, PAGES, seed } from "#test/page-requests.ts";
import type { Statement } from "#test/statements.ts";

/** Tables that grow with every assessment and must be reached through an index. */
const INDEXED = ["answers", "assessments", "roadmap_items"];
/** The tables whose statements are EXPLAINed. */
const WATCHED = [...INDEXED, "respondents", "benchmark_entries", "engagements"];

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Cond"?: string; Plans?: PlanNode[] };

/**
 * The plan of one statement, with its real parameters, with sequential scans made a last
 * resort; `withoutIndex` drops that index for the EXPLAIN only (the transaction rolls back).
 */
async function explain(statement: Statement, withoutIndex?: string): Promise<PlanNode> {
  const handle = getDbHandle();
  const client = (handle.db as unknown as { $client: PGlite | Sql }).$client;
  const setup = ["set local enable_seqscan = off", ...(withoutIndex ? [`drop index "${withoutIndex}"`] : [])];
  const text = `explain (format json) ${statement.sql}`;
  let plan: unknown;
  if (handle.kind === "pglite") {
    plan = await (client as PGlite).transaction(async (tx) => {
      for (const line of setup) await tx.exec(line);
      const found = (await tx.query<{ "QUERY PLAN": unknown }>(text, statement.params)).rows[0]!["QUERY PLAN"];
      await tx.rollback();
      return found;
    });
  } else {
    const rolledBack = new Error("rolled back");
    await (client as Sql)
      .begin(async (tx) => {
        for (const line of setup) await tx.unsafe(line);
        plan = (await tx.unsafe(text, statement.params as never[]))[0]!["QUERY PLAN"];
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
  }
  const parsed = (typeof plan === "string" ? JSON.parse(plan) : plan) as { Plan: PlanNode }[];
  return parsed[0]!.Plan;
}

/**
 * The tables the plan reads whole: by a Seq Scan, or by walking a whole index (an index scan
 * with no condition), which is what the planner falls back to with sequential scans off.
 */
function fullScans(node: PlanNode): string[] {
  const whole = node["Node Type"] === "Seq Scan" || (/^Index (Only )?Scan$/.test(node["Node Type"]) && !node["Index Cond"]);
  const own = whole && node["Relation Name"] ? [node["Relation Name"]] : [];
  return [...own, ...(node.Plans ?? []).flatMap(fullScans)];
}

const touches = (sql: string, table: string) => sql.includes(`"${table}"`);

/** The statements every page and API route sent on a seeded world: those on watched tables (first route each), and all of them. */
const heardOnPages = sharedWorld(async () => {
  await loadQuestionnaires();
  const world = await seed(3);
  const statements = new Map<string, { statement: Statement; route: string }>();
  const heard: { statement: Statement; route: string }[] = [];
  for (const route of [...PAGES, ...API]) {
    const { status, statements: issued } = await measure(route, world);
    expect(status, route.file).toBe(200);
    for (const statement of issued) {
      heard.push({ statement, route: route.file });
      if (WATCHED.some((table) => touches(statement.sql, table)) && !statements.has(statement.sql)) statements.set(statement.sql, { statement, route: route.file });
    }
  }
  return { statements, heard };
});

beforeAll(heardOnPages.build, 120_000);

describe("indexes", () => {
  it("hears the statements of the pages on every watched table", async () => {
    const { statements } = await heardOnPages();
    for (const table of WATCHED) expect([...statements.keys()].some((sql) => touches(sql, table)), table).toBe(true);
  });

  it("no page or API route reads answers, assessments or roadmap items by a sequential scan", async () => {
    const { statements } = await heardOnPages();
    const problems: string[] = [];
    for (const { statement, route } of statements.values()) {
      const scanned = fullScans(await explain(statement)).filter((table) => INDEXED.includes(table));
      if (scanned.length > 0) problems.push(`${route}: Seq Scan on ${[...new Set(scanned)].join(", ")}\n  ${statement.sql}`);
    }
    expect(problems.join("\n\n")).toBe("");
  });

  // The controls: the check reports a scan where no index can serve, and it would catch the
  // assessments list losing its index.
  it("sees a sequential scan where no index can serve", async () => {
    const plan = await explain({ sql: `select count(*) from "answers" where "comment" = $1`, params: ["x"] });
    expect(fullScans(plan)).toContain("answers");
  });

  it("sees the assessments list scan its table without the organization index", async () => {
    const { heard } = await heardOnPages();
    const list = heard.find((s) => s.route === "orgs.$slug.assessments._index.tsx" && touches(s.statement.sql, "assessments"));
    expect(list, "the assessments list statement").toBeDefined();
    expect(fullScans(await explain(list!.statement))).not.toContain("assessments");
    expect(fullScans(await explain(list!.statement, "assessments_organization_id_idx"))).toContain("assessments");
  });
});
