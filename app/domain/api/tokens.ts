// API tokens carry one of two roles: a viewer reads, an admin also reads raw answers and
// updates milestones. They map onto the membership roles of the same name.
export const API_TOKEN_ROLES = ["viewer", "admin"] as const;
export type ApiTokenRole = (typeof API_TOKEN_ROLES)[number];

/** Tokens start with a fixed prefix so that secret scanners and people recognize them. */
export const API_TOKEN_PREFIX = "kam_";

export const API_RATE_LIMIT = { requests: 120, windowMs: 60_000 } as const;
