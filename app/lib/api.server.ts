// The public API's plumbing: JSON answers, JSON errors ({ error: { code, message, fields? } })
// with the right status, body parsing and opaque cursors.
import type { z } from "zod";
import type { ErrorCode } from "#app/domain/api/schemas.ts";
import { errorMessages } from "#app/messages/errors.ts";
import { BodyError, readJson, TOO_LARGE_HEADERS } from "./body.server.ts";
import { UserError } from "./errors.server.ts";
import { isLostConnection, logLostConnection, retryAfterHeader } from "./lost-connection.server.ts";
import { findNul, NUL_MESSAGE } from "./nul.ts";

const JSON_TYPE = "application/json; charset=utf-8";

export function apiJson<Schema extends z.ZodType>(schema: Schema, value: z.input<Schema>, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", JSON_TYPE);
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(schema.parse(value)), { ...init, headers });
}

export function apiErrorResponse(
  status: number,
  code: ErrorCode,
  message: string,
  options: { fields?: Record<string, string>; headers?: Record<string, string> } = {},
): Response {
  const error = { code, message, ...(options.fields && Object.keys(options.fields).length > 0 ? { fields: options.fields } : {}) };
  return new Response(JSON.stringify({ error }), {
    status,
    headers: { "Content-Type": JSON_TYPE, "Cache-Control": "no-store", ...options.headers },
  });
}

/** Thrown inside an API handler; answered as the JSON error it describes. */
export function apiError(...args: Parameters<typeof apiErrorResponse>): never {
  throw apiErrorResponse(...args);
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  410: "not_found",
  429: "rate_limited",
};

const DEFAULT_MESSAGES: Record<number, string> = {
  403: "This token's role does not allow this request.",
  404: "Not found.",
};

/**
 * Runs an API handler. The services throw the app's own errors (a UserError, or a text
 * Response for 403/404); here they become JSON errors, so every API answer is JSON.
 */
export async function runApi(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (thrown) {
    if (thrown instanceof Response) {
      if (thrown.headers.get("Content-Type")?.startsWith("application/json")) return thrown;
      const code = CODE_BY_STATUS[thrown.status];
      if (!code) throw thrown;
      return apiErrorResponse(thrown.status, code, DEFAULT_MESSAGES[thrown.status] ?? ((await thrown.text()) || "The request failed."));
    }
    if (thrown instanceof UserError) {
      return apiErrorResponse(thrown.status, CODE_BY_STATUS[thrown.status] ?? "invalid_request", thrown.message, { fields: thrown.fieldErrors });
    }
    if (!isLostConnection(thrown)) throw thrown;
    logLostConnection(thrown);
    return apiErrorResponse(503, "unavailable", errorMessages.databaseUnavailable, { headers: retryAfterHeader });
  }
}

function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join(".") || "body"] ??= issue.message;
  return fields;
}

export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const withNul = findNul(value);
  if (withNul !== null) apiError(400, "invalid_request", `The ${what} is invalid.`, { fields: { [withNul]: NUL_MESSAGE } });
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  apiError(400, "invalid_request", `The ${what} is invalid.`, { fields: fieldsOf(parsed.error) });
}

/** The JSON body through the one safe reader; too large answers 413, anything else unreadable 400. */
export async function readJsonBody(request: Request): Promise<unknown> {
  if (!request.headers.get("Content-Type")?.includes("application/json")) {
    apiError(400, "invalid_request", "Send the body as JSON with Content-Type: application/json.");
  }
  try {
    return await readJson(request, "api");
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    if (error.status === 413) apiError(413, "payload_too_large", error.message, { headers: TOO_LARGE_HEADERS });
    apiError(400, "invalid_request", error.message);
  }
}

export function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** A cursor names the last row of a page; clients pass it back unchanged. */
export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

export function decodeCursor(cursor: string, count: number): string[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parts) && parts.length === count && parts.every((p) => typeof p === "string")) return parts;
  } catch {
    // answered below
  }
  apiError(400, "invalid_request", "The cursor is invalid; pass back the nextCursor of a previous page.", { fields: { cursor: "Invalid cursor." } });
}

/** A page of an already ordered list, after the row whose id the cursor names. */
export function pageOf<T extends { id: string }>(rows: T[], query: { cursor?: string; limit: number }) {
  let start = 0;
  if (query.cursor) {
    const [afterId] = decodeCursor(query.cursor, 1);
    const index = rows.findIndex((row) => row.id === afterId);
    if (index < 0) apiError(400, "invalid_request", "The cursor is invalid; pass back the nextCursor of a previous page.", { fields: { cursor: "Invalid cursor." } });
    start = index + 1;
  }
  const data = rows.slice(start, start + query.limit);
  const last = data.at(-1);
  return { data, nextCursor: last && start + query.limit < rows.length ? encodeCursor([last.id]) : null };
}
