// `npm run api-token -- --organization <slug> --role viewer|admin [--name <name>] [--created-by <email>]`:
// creates an API token against the database `npm start` uses and prints it once.
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createDb, type DbHandle } from "../db/client.ts";
import { API_TOKEN_ROLES, type ApiTokenRole } from "../app/domain/api/tokens.ts";
import { env } from "../app/lib/env.server.ts";
import { createApiTokenFromCli } from "../app/services/api.server.ts";

const USAGE = "Usage: npm run api-token -- --organization <slug> --role viewer|admin [--name <name>] [--created-by <admin email>]";

export async function main(argv: string[], handle?: DbHandle): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        organization: { type: "string" },
        role: { type: "string" },
        name: { type: "string" },
        "created-by": { type: "string" },
      },
    }));
  } catch (error) {
    return { code: 2, out: [(error as Error).message, USAGE] };
  }
  if (!values.organization || !API_TOKEN_ROLES.includes(values.role as ApiTokenRole)) return { code: 2, out: [USAGE] };
  // The same rules as the server: DATABASE_URL if set, else PGlite under DATA_DIR.
  const config = env();
  const db = handle ?? createDb({ databaseUrl: config.DATABASE_URL });
  try {
    if (!handle) await db.migrate();
    const { secret, token, organization, creator } = await createApiTokenFromCli(db.db, {
      slug: values.organization,
      role: values.role as ApiTokenRole,
      name: values.name ?? "Command line",
      createdByEmail: values["created-by"],
    });
    out.push(
      `Created the ${token.role} token “${token.name}” for ${organization.name}, recorded as created by ${creator.name}.`,
      "It is shown only this once; store it now:",
      secret,
    );
    return { code: 0, out };
  } catch (error) {
    return { code: 1, out: [(error as Error).message] };
  } finally {
    if (!handle) await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { code, out } = await main(process.argv.slice(2));
  (code === 0 ? console.log : console.error)(out.join("\n"));
  process.exit(code);
}
