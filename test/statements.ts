import { onStatement } from "#db/client.ts";

export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * Runs `fn` and returns what it answered with every SQL statement sent meanwhile, heard on
 * the database handle itself (drizzle's query logger), not on a mock. Statements are counted
 * as drizzle sends them; BEGIN and COMMIT of a transaction are the driver's and not among them.
 * Run one `fn` at a time: the hook hears the whole process.
 */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; count: number; statements: Statement[] }> {
  const statements: Statement[] = [];
  const stop = onStatement((sql, params) => statements.push({ sql, params }));
  try {
    const result = await fn();
    return { result, count: statements.length, statements };
  } finally {
    stop();
  }
}
