import { redirect } from "@remix-run/node";
import { getDb } from "#db/client.ts";
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

/** Only local paths may be redirect targets, so a link cannot send people elsewhere. */
export function safeRedirectPath(target: FormDataEntryValue | string | null, fallback = "/") {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//")) {
    return fallback;
  }
  return target;
}
