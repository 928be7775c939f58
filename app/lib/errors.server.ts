/** An error a person caused and can fix: it carries the status and the sentence to show. */
export class UserError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 410 | 429,
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = "UserError";
  }
}

export function notFound(): never {
  throw new Response("Not found", { status: 404, statusText: "Not Found" });
}

export function forbidden(message: string): never {
  throw new Response(message, { status: 403, statusText: "Forbidden" });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id from a URL or form can be a row id; anything else is answered as not found. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

const SLUG_SHAPE = /^[A-Za-z0-9-]{1,100}$/;

/** Whether a slug from a URL can name an organization; anything else (NUL, spaces, …) is answered as not found. */
export function isSlugShaped(value: string): boolean {
  return SLUG_SHAPE.test(value);
}

/**
 * Runs a resource loader's work (a download), turning a UserError into a plain-text answer
 * with its status and sentence, as a page would show it, instead of a 500.
 */
export async function answeringUserErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UserError) throw new Response(error.message, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
}
