// The job queue is pg-boss in its own schema of the app's database (docs/decisions/0022). Its
// tables are pg-boss's own: it installs and upgrades them, here, when the app migrates.
import PgBoss from "pg-boss";
import type { RawExecutor } from "./client.ts";

export const JOB_SCHEMA = "pgboss";

/**
 * The queues and how their jobs are retried. A mail whose SMTP server is down or refusing for
 * now is tried again after 30 s, 1 min, 2 min, … for about two hours; a job whose worker died
 * mid-send is taken up again once it has been active longer than `expireInSeconds` (a send takes seconds).
 */
export const QUEUES = {
  mail: { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 60 },
  /** The campaign clock (reminders, closing at the due date); a missed run is made up by the next. */
  "campaign-clock": { policy: "singleton", retryLimit: 0, expireInSeconds: 600 },
} as const satisfies Record<string, Omit<PgBoss.Queue, "name">>;

export type QueueName = keyof typeof QUEUES;

/** A pg-boss instance on the executor; it only talks to the database once started or sent to. */
export function jobBoss(execute: RawExecutor, options: Partial<PgBoss.ConstructorOptions> = {}): PgBoss {
  return new PgBoss({ db: { executeSql: execute }, schema: JOB_SCHEMA, ...options } as PgBoss.ConstructorOptions);
}

/** Installs or upgrades the queue's schema and creates the queues that are missing. */
export async function installJobQueue(execute: RawExecutor): Promise<void> {
  const boss = jobBoss(execute, { supervise: false, schedule: false, migrate: true });
  await boss.start();
  for (const [name, policy] of Object.entries(QUEUES)) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, ...policy });
  }
  await boss.stop({ graceful: false, wait: true, close: false });
}
