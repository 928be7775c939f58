/**
 * The job worker: takes queued jobs and runs their handlers. It runs inside `npm start` by
 * default and as its own process with `npm run worker`; pg-boss hands each job to one worker
 * (FOR UPDATE SKIP LOCKED), so several processes never run the same job at once.
 */
import type PgBoss from "pg-boss";
import { getDbHandle } from "#db/client.ts";
import { jobQueue } from "#app/lib/jobs.server.ts";
import { runCampaignClock } from "./campaign.server.ts";
import { deliverMail, type MailJob } from "./mail.server.ts";

/** Every quarter hour, in UTC; each organization's own calendar is applied inside. */
const CAMPAIGN_CLOCK_CRON = "*/15 * * * *";

const MAIL_BATCH = 20;
/** Mails sent at once by one worker; the SMTP transport pools as many connections. */
const MAIL_PARALLEL = 5;

/** Runs each job; one whose handler throws is failed alone (and retried by its queue's policy), the rest complete. */
async function runMailJobs(boss: PgBoss, jobs: PgBoss.JobWithMetadata<MailJob>[]) {
  for (let i = 0; i < jobs.length; i += MAIL_PARALLEL) {
    await Promise.all(
      jobs.slice(i, i + MAIL_PARALLEL).map(async (job) => {
        try {
          await deliverMail(job.data, { lastTry: job.retryCount >= job.retryLimit });
        } catch (error) {
          await boss.fail("mail", job.id, { message: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
  }
}

export interface Worker {
  stop(): Promise<void>;
}

export async function startWorker(options: { pollingIntervalSeconds?: number } = {}): Promise<Worker> {
  const boss = jobQueue();
  await boss.start();
  // The handler may run before work() answers with the worker's id, so the id is kept in a holder.
  const mailWorker = { id: "" };
  mailWorker.id = await boss.work<MailJob>(
    "mail",
    { batchSize: MAIL_BATCH, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
    async (jobs) => {
      await runMailJobs(boss, jobs);
      // A full batch means more are waiting: fetch again at once instead of after the polling interval.
      if (jobs.length === MAIL_BATCH && mailWorker.id) boss.notifyWorker(mailWorker.id);
    },
  );
  // pg-boss sends a scheduled job once per slot however many processes watch the schedule.
  await boss.schedule("campaign-clock", CAMPAIGN_CLOCK_CRON);
  await boss.work("campaign-clock", { pollingIntervalSeconds: 30 }, async () => {
    await runCampaignClock();
  });
  return { stop: () => boss.stop({ graceful: true, wait: true, timeout: 3_000, close: false }) };
}

/**
 * Runs every job that is due now, in this process, until none is left: how tests and the
 * benchmark follow a mail to its end without waiting for a poll.
 */
export async function runDueJobs(): Promise<number> {
  const boss = jobQueue(getDbHandle());
  let ran = 0;
  for (;;) {
    const jobs = await boss.fetch<MailJob>("mail", { batchSize: MAIL_BATCH, includeMetadata: true });
    if (jobs.length === 0) return ran;
    await runMailJobs(boss, jobs);
    await boss.complete("mail", jobs.map((job) => job.id));
    ran += jobs.length;
  }
}
