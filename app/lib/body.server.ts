// Request bodies are read here and nowhere else, each kind of route within its BODY_LIMITS
// (docs/decisions/0018-input-limits-and-public-origin.md). The server entry refuses a declared
// Content-Length over the limit before the app runs; a body sent without one is counted as it
// is read and refused as soon as it passes the limit, so no body is ever held whole.
import { BODY_LIMITS, MAX_JSON_DEPTH, type BodyKind } from "#app/domain/input-limits.ts";
import { errorMessages } from "#app/messages/errors.ts";

/** Which limit applies to a request path: the server entry and the readers agree through this. */
export function bodyKindOf(pathname: string): BodyKind {
  if (pathname.startsWith("/api/")) return "api";
  if (/^\/a\/[^/]+\/answers$/.test(pathname)) return "autosave";
  return "form";
}

/** A body the app will not read: too large (413) or not what the route takes (400). */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
    this.name = "BodyError";
  }
}

/** Headers of a 413: the connection is closed, so the rest of a large body is never read. */
export const TOO_LARGE_HEADERS = { Connection: "close" } as const;

export function tooLarge(kind: BodyKind): BodyError {
  return new BodyError(413, errorMessages.bodyTooLarge(BODY_LIMITS[kind]));
}

/** Whether a Content-Length header declares more than the kind's limit. */
export function declaresTooMuch(contentLength: string | null | undefined, kind: BodyKind): boolean {
  return Number(contentLength ?? 0) > BODY_LIMITS[kind];
}

/** The body's bytes, up to the kind's limit; a larger body throws a 413 BodyError. */
export async function readBodyBytes(request: Request, kind: BodyKind): Promise<Uint8Array<ArrayBuffer>> {
  const limit = BODY_LIMITS[kind];
  if (declaresTooMuch(request.headers.get("Content-Length"), kind)) throw tooLarge(kind);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // Not cancelled: on the Node server, cancelling destroys the socket before the 413 is sent.
    if (size > limit) throw tooLarge(kind);
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The form fields of a body already known to be a form; one that does not parse is a 400. */
export async function parseFormBytes(bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<FormData> {
  try {
    return await new Response(bytes, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    throw new BodyError(400, errorMessages.formUnreadable);
  }
}

/** Whether JSON text opens more than `max` arrays or objects inside each other; counted without recursion. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * The JSON value of a body, read within the kind's limit. A body that is too large answers 413;
 * one that is no JSON, or nests deeper than MAX_JSON_DEPTH, 400: whatever its shape, it reaches
 * neither a recursive walk nor a schema.
 */
export async function readJson(request: Request, kind: BodyKind): Promise<unknown> {
  const text = new TextDecoder().decode(await readBodyBytes(request, kind));
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw new BodyError(400, errorMessages.jsonTooDeep(MAX_JSON_DEPTH));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, errorMessages.jsonInvalid);
  }
}
