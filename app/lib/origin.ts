const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request may change state: safe methods always may; any other method must come
 * from this site's own origin (Origin header, or Referer when a client sends no Origin).
 * API clients are the exception: a request with a bearer token and no cookie carries no
 * ambient credential a forged cross-site request could ride on (a browser cannot add an
 * Authorization header across sites without a CORS preflight, which the app never grants),
 * so it is let through and the token decides. One-click unsubscribe (RFC 8058) is the other:
 * mail clients post to its address without Origin or cookies, and the token in the address can
 * only stop reminders.
 */
export function isAllowedOrigin(input: {
  method: string;
  origin: string | null | undefined;
  referer: string | null | undefined;
  expectedOrigin: string;
  authorization?: string | null;
  cookie?: string | null;
  pathname?: string;
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  if (!input.cookie && /^Bearer\s+\S/i.test(input.authorization ?? "")) return true;
  if (!input.cookie && /^\/unsubscribe\/[^/]+$/.test(input.pathname ?? "")) return true;
  if (input.origin) return input.origin === input.expectedOrigin;
  if (!input.referer) return false;
  try {
    return new URL(input.referer).origin === input.expectedOrigin;
  } catch {
    return false;
  }
}
