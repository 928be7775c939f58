// Work done after the request that caused it: the job queue (docs/decisions/0022). Jobs are
// queued in the caller's transaction, so a change is never stored without its job nor the other
// way round; the worker (app/services/worker.server.ts) takes them up.
import { sql, type SQL } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { asNodePostgresValue, getDbHandle, type Database, type DbHandle, type RawExecutor } from "#db/client.ts";
import { jobBoss, type QueueName } from "#db/job-queue.ts";

const bosses = new WeakMap<DbHandle, PgBoss>();

/** The queue on the process's database: one pg-boss per database handle. */
export function jobQueue(handle: DbHandle = getDbHandle()): PgBoss {
  let boss = bosses.get(handle);
  if (!boss) {
    boss = jobBoss(handle.execute, { migrate: false });
    boss.on("error", (error) => console.error(`Job queue: ${error.message}`));
    bosses.set(handle, boss);
  }
  return boss;
}

/** pg-boss's positional SQL ($1, $2, …) as a drizzle query, so it runs in a drizzle transaction. */
function positional(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (const [i, part] of parts.entries()) {
    chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${asNodePostgresValue(values[Number(part) - 1])}`);
  }
  return sql.join(chunks, sql.raw(""));
}

function executorOn(db: Database): RawExecutor {
  return async (text, values = []) => {
    const result = (await db.execute(positional(text, values))) as unknown;
    return { rows: Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows };
  };
}

/** Queues jobs in the transaction (or database) `db`: they exist only if it commits. */
export async function enqueueJobs(db: Database, queue: QueueName, jobs: { data: object; singletonKey?: string }[]): Promise<void> {
  if (jobs.length === 0) return;
  await jobQueue().insert(
    jobs.map((job) => ({ name: queue, data: job.data, singletonKey: job.singletonKey })),
    { db: { executeSql: executorOn(db) } },
  );
}
