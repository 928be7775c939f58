import { redirect } from "@remix-run/node";
import { getDb } from "#db/client.ts";
import { authMessages } from "#app/messages/auth.ts";
import { UserError } from "./errors.server.ts";
import {
  readSessionToken,
  validateSessionToken,
  type SessionInfo,
  type SessionUser,
} from "./session.server.ts";

export interface Auth {
  user: SessionUser;
  session: SessionInfo;
}

// Loaders of one request share the Request object; validate its session once.
const authByRequest = new WeakMap<Request, Promise<Auth | null>>();

export function getAuth(request: Request): Promise<Auth | null> {
  let auth = authByRequest.get(request);
  if (!auth) {
    const token = readSessionToken(request);
    auth = token ? validateSessionToken(getDb(), token) : Promise.resolve(null);
    authByRequest.set(request, auth);
  }
  return auth;
}

/**
 * The request's auth when its session has not been read yet, through `read`: a caller that
 * needs the session and more can read both in one statement. `read` answers null for no
 * valid session; the answer is kept for the request's other loaders as getAuth would.
 */
export function readAuthOnce<T>(request: Request, read: (token: string) => Promise<{ auth: Auth; extra: T } | null>): Promise<{ auth: Auth; extra: T } | null> | undefined {
  if (authByRequest.has(request)) return undefined;
  const token = readSessionToken(request);
  const pending = token ? read(token) : Promise.resolve(null);
  authByRequest.set(request, pending.then((found) => found?.auth ?? null));
  return pending;
}

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export async function requireAuth(request: Request): Promise<Auth> {
  const auth = await getAuth(request);
  if (auth) return auth;
  const url = new URL(request.url);
  const back = url.pathname.replace(/\.data$/, "") + url.search;
  throw redirect(`/signin?redirectTo=${encodeURIComponent(back)}`);
}

/** The sign-in page as sign-up leaves it: saying to check the mail, and going on to `redirectTo` afterwards. */
export function signInAfterSignUpPath(redirectTo: string): string {
  return `/signin?${new URLSearchParams({ checkEmail: "1", redirectTo })}`;
}

// Tested against a made-up origin: a target that resolves anywhere else leaves the site.
const REDIRECT_BASE = new URL("http://same-origin.invalid");
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Only paths of this site may be redirect targets, so a link cannot send people elsewhere:
 * a target that is not a path, starts with `//`, holds a backslash (browsers read it as a
 * slash) or resolves to another origin gives the fallback. A control character (a tab, CR
 * or LF) is no part of a web address: it answers 400 instead of reaching the Location header.
 * The answer is the path as a URL carries it (non-ASCII percent-encoded).
 */
export function safeRedirectPath(target: FormDataEntryValue | string | null, fallback = "/"): string {
  if (typeof target !== "string" || target === "") return fallback;
  if (CONTROL_CHARACTER.test(target)) {
    throw new UserError(400, authMessages.redirectInvalid, { redirectTo: authMessages.redirectInvalid });
  }
  if (!target.startsWith("/") || target.startsWith("//") || target.includes("\\")) return fallback;
  const resolved = new URL(target, REDIRECT_BASE);
  const path = resolved.pathname + resolved.search + resolved.hash;
  if (resolved.origin !== REDIRECT_BASE.origin || path.startsWith("//")) return fallback;
  return path;
}
