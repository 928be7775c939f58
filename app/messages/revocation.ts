import type { RevocationCounts } from "../domain/revocation.ts";

const NOUNS: Record<keyof RevocationCounts, [string, string]> = {
  invitations: ["invitation", "invitations"],
  apiTokens: ["API token", "API tokens"],
  calendarFeeds: ["calendar feed", "calendar feeds"],
  respondentLinks: ["respondent link", "respondent links"],
  engagementOffers: ["engagement offer", "engagement offers"],
};

export const counted = (n: number, [one, many]: [string, string]) => `${n} ${n === 1 ? one : many}`;

/** "a", "a and b", "a, b and c". */
function joined(parts: string[]) {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** The counts as a phrase ("2 invitations and 1 calendar feed"), or null when there is nothing. */
export function revocationList(counts: RevocationCounts): string | null {
  const parts = (Object.keys(NOUNS) as (keyof RevocationCounts)[]).filter((key) => counts[key] > 0).map((key) => counted(counts[key], NOUNS[key]));
  return parts.length > 0 ? joined(parts) : null;
}

const links = (n: number) => counted(n, NOUNS.respondentLinks);

export const revocationMessages = {
  keepStartedLinks: (n: number) => `Keep the ${links(n)} people have started using`,
  keptHint: "These are links of respondents who have begun answering an assessment that is still open. Kept links stay with you; you can renew or revoke them on the assessment's page.",

  endHeading: (consultancy: string) => `End the engagement of ${consultancy}?`,
  withdrawHeading: "Withdraw the engagement offer?",
  withdrawBody: "The link stops working at once; nobody has accepted it yet.",
  endByClient: (consultancy: string, list: string | null) =>
    `${consultancy}'s access ends at once. ` +
    (list ? `What its consultants created here stops working: ${list}.` : "Its consultants created nothing here that still works."),
  endByConsultancyHeading: (client: string) => `End the engagement with ${client}?`,
  endByConsultancy: (client: string, list: string | null) =>
    `Your consultancy's access to ${client} ends at once. ` +
    (list
      ? `Everything created through the engagement is revoked, respondent links people are still using included, since nobody at ${client} has chosen to keep any of it: ${list}.`
      : "Nothing created through the engagement still works, so nothing else is revoked."),
  ended: (revoked: RevocationCounts & { kept: number }) => {
    const list = revocationList(revoked);
    const kept = revoked.kept > 0 ? ` ${links(revoked.kept)} people have started using ${revoked.kept === 1 ? "stays" : "stay"} as your own.` : "";
    return `The engagement has ended. The consultancy's access ended with it.${list ? ` Revoked: ${list}.` : ""}${kept}`;
  },
  endedByConsultancy: (client: string, revoked: RevocationCounts) => {
    const list = revocationList(revoked);
    return `The engagement with ${client} has ended.${list ? ` Revoked: ${list}.` : ""}`;
  },

  removeHeading: (name: string) => `Remove ${name}?`,
  remove: (name: string, list: string | null, consultancy: boolean) =>
    `${name} loses access at once. ` +
    (list
      ? `What they created${consultancy ? " here and in your clients" : ""} stops working: ${list}.`
      : `They created nothing${consultancy ? " here or in your clients" : ""} that still works.`),
  leaveHeading: (organization: string) => `Leave ${organization}?`,
  leave: (list: string | null, consultancy: boolean) =>
    list
      ? `What you created${consultancy ? " here and in the clients" : ""} stops working when you leave: ${list}.`
      : "You created nothing here that still works, so nothing else changes.",
  roleHeading: (name: string, role: string) => `Change ${name}'s role to ${role}?`,
  role: (name: string, role: string, list: string) => `As ${role}, ${name} could not have created some of what they did, so it stops working: ${list}.`,
  removed: (name: string, revoked: RevocationCounts & { kept: number }) => {
    const list = revocationList(revoked);
    return `${name} was removed.${list ? ` Revoked: ${list}.` : ""}${revoked.kept > 0 ? ` You now hold ${links(revoked.kept)} people have started using.` : ""}`;
  },
  roleChanged: (role: string, revoked: (RevocationCounts & { kept: number }) | undefined) => {
    const list = revoked ? revocationList(revoked) : null;
    return `Role changed to ${role}.${list ? ` Revoked: ${list}.` : ""}${revoked && revoked.kept > 0 ? ` You now hold ${links(revoked.kept)} people have started using.` : ""}`;
  },
  consultantsInvite:
    "Consultants do not invite members into a client: a membership is the client's own and would outlive your engagement. Your engagement already gives everyone in your consultancy access while it lasts; the client's admins invite their own people.",
} as const;
