// The links account mail carries: a password reset and an address confirmation. Each works
// once, until it expires; a newer link of the same purpose, a reset or a password change makes
// an older one unusable by marking it used.

const MINUTE_MS = 60 * 1000;

/** How long each link works after it is mailed. */
export const LINK_LIFETIMES_MS = {
  passwordReset: 60 * MINUTE_MS,
  emailConfirmation: 24 * 60 * MINUTE_MS,
} as const;

export type LinkState = "usable" | "used" | "expired" | "unknown";

/** What a link can still do at `now`; a used link stays "used" after it would have expired. */
export function linkState(link: { expiresAt: Date; usedAt: Date | null } | undefined, now: Date): LinkState {
  if (!link) return "unknown";
  if (link.usedAt) return "used";
  return now.getTime() >= link.expiresAt.getTime() ? "expired" : "usable";
}

/** The status a link that cannot be used answers: gone (410) once it existed, not found (404) otherwise. */
export function linkFailureStatus(state: Exclude<LinkState, "usable">): 404 | 410 {
  return state === "unknown" ? 404 : 410;
}

export const expiryFrom = (now: Date, lifetimeMs: number) => new Date(now.getTime() + lifetimeMs);
