import type { RevocationCounts } from "../domain/revocation.ts";
import { ROLE_LABELS, ROLES, type Role } from "../domain/roles.ts";
import { counted, revocationList } from "./revocation.ts";

export interface AuditView {
  action: string;
  details: Record<string, unknown>;
  actorName: string | null;
  subjectName: string | null;
}

function roleLabel(value: unknown): string {
  return ROLES.includes(value as Role) ? ROLE_LABELS[value as Role] : "unknown role";
}

/** " Revoked: … ." for the counts a loss of access revoked (entries before that change have none). */
function revokedSuffix(value: unknown): string {
  if (!value || typeof value !== "object") return "";
  const raw = value as Record<string, unknown>;
  const n = (key: string) => (typeof raw[key] === "number" ? (raw[key] as number) : 0);
  const counts: RevocationCounts = {
    invitations: n("invitations"),
    apiTokens: n("apiTokens"),
    calendarFeeds: n("calendarFeeds"),
    respondentLinks: n("respondentLinks"),
    engagementOffers: n("engagementOffers"),
  };
  const list = revocationList(counts);
  const kept = n("kept") > 0 ? ` Kept ${counted(n("kept"), ["respondent link", "respondent links"])} people had started using.` : "";
  return `${list ? ` Revoked: ${list}.` : ""}${kept}`;
}

/** One sentence per audit entry, for the organization's activity list. */
export function describeAuditEntry({ action, details, actorName, subjectName }: AuditView): string {
  const actor = actorName ?? "A former member";
  const subject = subjectName ?? "a former member";
  switch (action) {
    case "organization.created":
      return `${actor} created the organization.`;
    case "organization.updated":
      return `${actor} changed the organization's settings.`;
    case "organization.privacy_changed": {
      const to = (details.to ?? {}) as { minimumGroupSize?: unknown; stablePseudonyms?: unknown };
      return `${actor} set the minimum group size to ${Number(to.minimumGroupSize)} and ${to.stablePseudonyms ? "stable" : "fresh"} respondent codes in raw-answer exports.`;
    }
    case "organization.time_zone_changed":
      return `${actor} set the organization's time zone to ${String(details.timeZone)}.`;
    case "assessment.closed_at_due_date":
      return "An assessment closed by itself at its due date.";
    case "invitation.created":
      return `${actor} created an invitation link for the role ${roleLabel(details.role)}.`;
    case "invitation.revoked":
      return `${actor} revoked an invitation link.`;
    case "invitation.accepted":
      return `${actor} joined through an invitation as ${roleLabel(details.role)}.`;
    case "membership.role_changed":
      return `${actor} changed ${subject}'s role from ${roleLabel(details.from)} to ${roleLabel(details.to)}.${revokedSuffix(details.revoked)}`;
    case "membership.removed":
      return `${actor} removed ${subject} from the organization.${revokedSuffix(details.revoked)}`;
    case "membership.left":
      return `${actor} left the organization.${revokedSuffix(details.revoked)}`;
    case "credentials.revoked":
      return `${details.left ? `${actor} left` : `${actor} removed ${subject} from`} ${String(details.consultancy ?? "the consultancy")}; what ${details.left ? "they" : subject} created here through it stopped working.${revokedSuffix(details.revoked)}`;
    case "assessment.reassessment_started":
      return `${actor} started a re-assessment with ${Number(details.respondents ?? 0)} respondents invited again.`;
    case "api_token.created":
      return `${actor} created the ${String(details.role)} API token “${String(details.name)}”.`;
    case "api_token.revoked":
      return `${actor} revoked the API token “${String(details.name)}”.`;
    case "engagement.offered":
      return `${actor} created an engagement link for a consultancy as ${roleLabel(details.role)}.`;
    case "engagement.started":
      return `${String(details.consultancy ?? "A consultancy")} started working for ${String(details.client ?? "the client")} as ${roleLabel(details.role)}.`;
    case "engagement.ended":
      return details.consultancy
        ? `${actor} ended ${String(details.consultancy)}'s engagement for ${String(details.client ?? "the client")}.${revokedSuffix(details.revoked)}`
        : `${actor} withdrew an engagement offer.`;
    default:
      return `${actor}: ${action}.`;
  }
}
