// How much input the app takes: bytes per request body by the kind of route, and how deep a JSON
// body may nest (docs/decisions/0018-input-limits-and-public-origin.md). The readers in
// app/lib/body.server.ts and the server entry enforce them; the README and the OpenAPI
// document quote them.

const MiB = 1024 * 1024;

/** Bytes a request body may have, by the kind of route that reads it. */
export const BODY_LIMITS = {
  /** Form posts. The largest, a pasted list of respondents, fits thousands of lines. */
  form: MiB,
  /** The respondents' autosave: every question of a questionnaire with a full-length comment fits. */
  autosave: MiB,
  /** The public API's JSON bodies (a milestone update with 4,000 characters of evidence). */
  api: 64 * 1024,
} as const;
export type BodyKind = keyof typeof BODY_LIMITS;

/** No input of the app nests deeper than three levels; a deeper JSON body is refused before it is parsed. */
export const MAX_JSON_DEPTH = 16;

/**
 * The most characters each stored text takes. The input schemas check them with a sentence
 * from app/messages, and forms may quote them as maxLength; a new stored text gets its entry here.
 */
export const TEXT_LIMITS = {
  personName: 100,
  /** RFC 5321's longest deliverable address. */
  email: 254,
  password: 200,
  organizationName: 100,
  organizationSlug: 48,
  apiTokenName: 100,
  assessmentTitle: 120,
  /** Room for the suggested "KAM transformation from <assessment title>". */
  roadmapTitle: 200,
  itemTitle: 200,
  itemDescription: 4000,
  note: 4000,
  blockedReason: 500,
  comment: 2000,
} as const;

/** A limit as the messages write it: 4,000. */
export const formatLimit = (characters: number) => characters.toLocaleString("en");
