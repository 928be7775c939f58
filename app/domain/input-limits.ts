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
