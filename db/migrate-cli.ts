// `npm run db:migrate`: applies the committed migrations to the configured database.
import { closeDb, getDbHandle } from "./client.ts";

const handle = getDbHandle();
await handle.migrate();
console.log(`Migrations applied (${handle.kind}).`);
await closeDb();
