import { engagementMessages } from "../messages/engagements.ts";
import { orgMessages } from "../messages/organizations.ts";
import { privacyMessages } from "../messages/privacy.ts";
import { roleAtLeast, type Role } from "./roles.ts";

/**
 * Who may do what: every action on an organization's data, with the least role for it. One
 * table serves the organization's own members, consultants acting through an engagement (whose
 * grant carries a viewer or admin role) and API tokens (viewer or admin) alike; the pages, the
 * services and the tests all read it.
 */
interface Permission {
  /** The least role that may do it; every role above it may too. */
  least: Role;
  /**
   * What a consultant acting through an engagement gets: the same as a member of the role
   * (default), a 403 with the rule's message (the act belongs to the client's own people), or a
   * 404 (the page is not theirs to know of).
   */
  engagements?: "as-members" | { refuse: string } | "not-found";
  /** The sentence for a role below `least`, where the rule has its own. */
  refusal?: string;
  /** The kind of organization the action exists in; elsewhere it answers 404. */
  organizationKind?: "company" | "consultancy";
}

export const PERMISSIONS = {
  /** Read the organization's pages: assessments, results, roadmaps, benchmarks. */
  "organization.view": { least: "viewer" },
  /** Create, open, close and repeat assessments; invite respondents; set targets. */
  "assessments.manage": { least: "program_lead" },
  /**
   * Download raw answers (CSV and API). They are pseudonymous and withheld below the minimum
   * group size, and running the assessment is a program lead's job, so a program lead may; an
   * API token needs its admin role, the only token role at or above program lead.
   */
  "answers.export": { least: "program_lead" },
  /** Generate, regenerate and track roadmaps; issue their calendar feeds. */
  "roadmap.edit": { least: "program_lead" },
  /** Invite members, change their roles, remove them. */
  "members.manage": { least: "admin", engagements: { refuse: engagementMessages.consultantsCannot } },
  /** Leave the organization; a consultant's place is the engagement's, which the client or the consultancy ends. */
  "membership.leave": { least: "viewer", engagements: { refuse: engagementMessages.consultantsCannot } },
  /** Read the organization's activity log. */
  "activity.view": { least: "admin" },
  /** The settings page: the organization's profile and address. */
  "settings.manage": { least: "admin" },
  /** The organization's mail: the Outbox when mail is not configured, the log of what was sent when it is. */
  "mail.view": { least: "admin" },
  /** See, issue and revoke API tokens; a token outlives an engagement, so consultants never hold one. */
  "apiTokens.manage": { least: "admin", engagements: { refuse: engagementMessages.consultantsCannot } },
  /** The minimum group size and the pseudonyms: the organization's own promise to its respondents. */
  "privacy.manage": { least: "admin", engagements: { refuse: privacyMessages.consultantsCannotChange } },
  /** Join or leave the platform benchmark pool. */
  "benchmarks.pool": { least: "owner" },
  /** See the consultancies that work for a company. */
  "engagements.view": { least: "admin", engagements: "not-found", organizationKind: "company" },
  /** Offer an engagement to a consultancy, or end one, as the client. */
  "engagements.manage": { least: "owner", refusal: engagementMessages.ownerOnly, engagements: { refuse: engagementMessages.ownerOnly }, organizationKind: "company" },
  /** A consultancy's client portfolio. */
  "clients.view": { least: "viewer", engagements: "not-found", organizationKind: "consultancy" },
  /** Create clients and end engagements, as the consultancy. */
  "clients.manage": { least: "admin", engagements: "not-found", organizationKind: "consultancy" },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** What the table is asked about: a role in an organization, and whether it comes from an engagement. */
export interface Grant {
  role: Role;
  engagement?: unknown;
  organization: { kind: "company" | "consultancy" };
}

export type PermissionCheck = { ok: true } | { ok: false; status: 403 | 404; message: string };

export function checkPermission(grant: Grant, action: Action): PermissionCheck {
  const permission: Permission = PERMISSIONS[action];
  if (permission.organizationKind && grant.organization.kind !== permission.organizationKind) {
    return { ok: false, status: 404, message: orgMessages.notFound };
  }
  if (grant.engagement && permission.engagements && permission.engagements !== "as-members") {
    return permission.engagements === "not-found"
      ? { ok: false, status: 404, message: orgMessages.notFound }
      : { ok: false, status: 403, message: permission.engagements.refuse };
  }
  if (!roleAtLeast(grant.role, permission.least)) return { ok: false, status: 403, message: permission.refusal ?? orgMessages.forbidden };
  return { ok: true };
}

/** Whether the grant allows the action: for showing or hiding a control. */
export function can(grant: Grant, action: Action): boolean {
  return checkPermission(grant, action).ok;
}

/** Whether a role allows the action, for rules about a role on its own (whom a credential outlives). */
export function roleAllows(role: Role, action: Action): boolean {
  return roleAtLeast(role, PERMISSIONS[action].least);
}

/** The least role an action needs. */
export function leastRole(action: Action): Role {
  return PERMISSIONS[action].least;
}
