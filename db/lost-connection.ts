// postgres.js names a lost socket with its own codes (or Node's), PostgreSQL a terminated or
// refused backend with SQLSTATE 57P01-57P03 and the 08 class; drizzle wraps either as `cause`.
const LOST_CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
]);

/** Whether `error` says the database connection was lost, rather than that the statement failed. */
export function isLostConnection(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (LOST_CONNECTION_CODES.has(code) || code.startsWith("08"))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
