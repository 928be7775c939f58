// Kept apart from the library's zod schemas so that pages can name the phases without loading zod.

/** The three transformation phases, in the order they run. */
export const PHASES = ["knowledge", "design", "implementation"] as const;
export type Phase = (typeof PHASES)[number];
