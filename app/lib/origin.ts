const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request may change state: safe methods always may; any other method must come
 * from this site's own origin (Origin header, or Referer when a client sends no Origin).
 */
export function isAllowedOrigin(input: {
  method: string;
  origin: string | null | undefined;
  referer: string | null | undefined;
  expectedOrigin: string;
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  if (input.origin) return input.origin === input.expectedOrigin;
  if (!input.referer) return false;
  try {
    return new URL(input.referer).origin === input.expectedOrigin;
  } catch {
    return false;
  }
}
