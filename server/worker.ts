// `npm run worker`: the job worker as its own process, for deployments that run several app
// processes with WORKER=off. It needs PostgreSQL: the embedded database serves one process,
// and there `npm start` runs the worker itself.
import { env } from "../app/lib/env.server.ts";
import { shutdownDatabase } from "../app/services/startup.server.ts";
import { startWorker } from "../app/services/worker.server.ts";

process.env.NODE_ENV ??= "production";
const config = env();
if (!config.DATABASE_URL) {
  console.error("npm run worker needs DATABASE_URL: the embedded database serves one process, and there npm start runs the worker itself.");
  process.exit(1);
}

const worker = await startWorker().catch((error: unknown) => {
  console.error(`The worker could not start (${error instanceof Error ? error.message : String(error)}). Start the app once first, so the database is migrated.`);
  process.exit(1);
});
console.log(`KAM Navigator worker is running (mail: ${config.SMTP_URL ? "sent by SMTP" : "kept on the Outbox page, as SMTP_URL is not set"}).`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received: finishing the jobs in hand, then stopping.`);
  await worker.stop();
  await shutdownDatabase();
  process.exit(0);
};
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
