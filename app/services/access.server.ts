import { getDb } from "#db/client.ts";
import { findMembership, findSessionMembership, type Organization } from "#db/queries/organizations.ts";
import type { AccessGrant } from "#app/domain/engagements.ts";
import type { Role } from "#app/domain/roles.ts";
import { checkPermission, type Action } from "#app/domain/permissions.ts";
import { readAuthOnce, requireAuth, type Auth } from "#app/lib/auth.server.ts";
import { checkSessionRow, splitSessionToken } from "#app/lib/session.server.ts";
import { forbidden, isSlugShaped, isUuid, notFound, UserError } from "#app/lib/errors.server.ts";
import { countApiTokenUse } from "#db/queries/api-tokens.ts";
import { API_RATE_LIMIT } from "#app/domain/api/tokens.ts";
import { apiError } from "#app/lib/api.server.ts";
import { hashSecret } from "#app/lib/tokens.server.ts";

export interface Membership extends Auth {
  organization: Organization;
  role: Role;
  /** Set when the role comes from a consultancy's engagement, not the person's own membership. */
  engagement?: AccessGrant["engagement"];
}

/** An organization named by its id or by its URL slug. */
export type OrganizationRef = { id: string } | { slug: string };

/**
 * The one gate to an organization's data. A visitor who is not signed in is sent to
 * sign-in; a signed-in non-member gets 404, never a hint that the organization exists; a
 * member whose grant does not allow `action` (see the permission table) gets 403, or 404
 * where the table says the page is not theirs to know of. A consultant of an active
 * engagement acts with the engagement's role; once it ends they are a non-member again.
 */
export async function requireMembership(
  request: Request,
  organization: OrganizationRef,
  action: Action = "organization.view",
): Promise<Membership> {
  const { auth, grant } = await authAndGrant(request, organization);
  if (!grant) notFound();
  const membership: Membership = { ...auth, ...grant };
  requestOf.set(membership, request);
  noteAction(request, action);
  const check = checkPermission(membership, action);
  if (!check.ok) {
    if (check.status === 404) notFound();
    forbidden(check.message);
  }
  return membership;
}

/**
 * The same table, asked by a service about a membership it was handed: a 404 where the action
 * does not exist for this organization, else a refusal with the rule's sentence, which a form
 * shows beside what was typed.
 */
export function authorize(membership: Membership, action: Action): void {
  const request = requestOf.get(membership);
  if (request) noteAction(request, action);
  const check = checkPermission(membership, action);
  if (check.ok) return;
  if (check.status === 404) notFound();
  throw new UserError(403, check.message);
}

const actionsByRequest = new WeakMap<Request, Action[]>();
const requestOf = new WeakMap<Membership, Request>();
function noteAction(request: Request, action: Action) {
  const actions = actionsByRequest.get(request);
  if (actions) actions.push(action);
  else actionsByRequest.set(request, [action]);
}

/** The actions a request was checked for, at the gate and in services, so the route audit can hold every route to the table. */
export function actionsCheckedFor(request: Request): readonly Action[] {
  return actionsByRequest.get(request) ?? [];
}

/**
 * The signed-in user and their grant on the organization. When no loader of this request has
 * read the session yet, the session and the grant come from one statement.
 */
async function authAndGrant(request: Request, organization: OrganizationRef) {
  // A malformed id or slug is answered 404 without a query (a NUL in a slug would fail in SQL).
  const validId = "id" in organization ? isUuid(organization.id) : isSlugShaped(organization.slug);
  const db = getDb();
  const combined = validId
    ? readAuthOnce(request, async (token) => {
        const parts = splitSessionToken(token);
        if (!parts) return null;
        const found = await findSessionMembership(db, parts.id, organization);
        const auth = await checkSessionRow(db, parts.secret, found);
        return auth ? { auth, extra: found?.grant } : null;
      })
    : undefined;
  const auth = await requireAuth(request);
  if (!validId) notFound();
  if (combined) return { auth, grant: (await combined)?.extra };
  return { auth, grant: await findMembership(db, organization, auth.user.id) };
}

/** What an API token acts as: its organization and role, on behalf of the admin who created it. */
export interface ApiTokenActor {
  id: string;
  name: string;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The same gate for the public API: a bearer token stands for a membership of its
 * organization with the token's role (viewer or admin), so every service reads through the
 * same access checks as a signed-in member. Unknown and revoked tokens get 401, a token over
 * its rate limit 429, a role the permission table does not allow `action` 403; all as JSON errors.
 */
export async function requireApiMembership(
  request: Request,
  action: Action = "organization.view",
  now = new Date(),
): Promise<Membership & { apiToken: ApiTokenActor }> {
  const header = request.headers.get("Authorization");
  const secret = header?.match(BEARER)?.[1];
  const challenge = { "WWW-Authenticate": 'Bearer realm="kam-navigator"' };
  if (!secret) apiError(401, "unauthorized", "Send an API token as Authorization: Bearer <token>.", { headers: challenge });
  const found = await countApiTokenUse(getDb(), hashSecret(secret), now, API_RATE_LIMIT.windowMs);
  if (!found) apiError(401, "unauthorized", "This API token is unknown or has been revoked.", { headers: challenge });
  const { token, organization, creator } = found;
  if (token.rateWindowCount > API_RATE_LIMIT.requests) {
    const resetAt = (token.rateWindowStart?.getTime() ?? now.getTime()) + API_RATE_LIMIT.windowMs;
    const retryAfter = Math.max(1, Math.ceil((resetAt - now.getTime()) / 1000));
    apiError(429, "rate_limited", `This token may make ${API_RATE_LIMIT.requests} requests a minute; try again in ${retryAfter} s.`, {
      headers: { "Retry-After": String(retryAfter) },
    });
  }
  noteAction(request, action);
  const check = checkPermission({ role: token.role, organization }, action);
  if (!check.ok) apiError(check.status, check.status === 404 ? "not_found" : "forbidden", check.status === 404 ? check.message : "This request needs an admin token.");
  const membership = {
    user: { id: creator.id, email: creator.email, name: creator.name, emailVerifiedAt: creator.emailVerifiedAt },
    // No browser session stands behind a token; this one names the token and never expires.
    session: { id: `api-token:${token.id}`, userId: creator.id, expiresAt: new Date(8.64e15) },
    organization,
    role: token.role,
    apiToken: { id: token.id, name: token.name },
  };
  requestOf.set(membership, request);
  return membership;
}
