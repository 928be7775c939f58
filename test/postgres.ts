/** The same server as `databaseUrl`, with another database name. */
export function databaseUrlFor(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A connection for creating and dropping databases: the server's `postgres` database. */
export function adminUrl(databaseUrl: string): string {
  return databaseUrlFor(databaseUrl, "postgres");
}

export function freshDatabaseName(): string {
  return `kam_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
}
