import { getDb } from "#db/client.ts";
import { findMembership, type Organization } from "#db/queries/organizations.ts";
import { roleAtLeast, type Role } from "#app/domain/roles.ts";
import { orgMessages } from "#app/messages/organizations.ts";
import { requireAuth, type Auth } from "#app/lib/auth.server.ts";
import { forbidden, isUuid, notFound } from "#app/lib/errors.server.ts";

export interface Membership extends Auth {
  organization: Organization;
  role: Role;
}

/** An organization named by its id or by its URL slug. */
export type OrganizationRef = { id: string } | { slug: string };

/**
 * The one gate to an organization's data. A visitor who is not signed in is sent to
 * sign-in; a signed-in non-member gets 404, never a hint that the organization exists;
 * a member whose role is below `minimumRole` gets 403.
 */
export async function requireMembership(
  request: Request,
  organization: OrganizationRef,
  minimumRole: Role = "viewer",
): Promise<Membership> {
  const auth = await requireAuth(request);
  if ("id" in organization && !isUuid(organization.id)) notFound();
  const row = await findMembership(getDb(), organization, auth.user.id);
  if (!row) notFound();
  if (!roleAtLeast(row.role, minimumRole)) forbidden(orgMessages.forbidden);
  return { ...auth, organization: row.organization, role: row.role };
}
