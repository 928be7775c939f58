/**
 * The publications the questionnaires and initiative libraries draw on. Published content is
 * frozen by its hash, so it keeps the short keys it was written with (in `sources:` and inline
 * in descriptions); every place that shows content resolves them here (ADR 0019).
 */
export interface Citation {
  /** How the source is named in running text, e.g. "Ojasalo 2001". */
  short: string;
  /** The full reference, for a list of sources. */
  reference: string;
}

export const BIBLIOGRAPHY: Readonly<Record<string, Citation>> = {
  "004_b9904ba7619d2122.txt": {
    short: "Jensen & Intenz",
    reference: "Jensen, K. B. & Intenz: Key Account Management as a strategic discipline (research-based report on sales).",
  },
  "003_ee41f6c699d9188b.txt": {
    short: "Ojasalo 2001",
    reference:
      "Ojasalo, J. (2001): Key account management at company and individual levels in business-to-business relationships. Journal of Business & Industrial Marketing 16(3).",
  },
  "000_0a05d559596b9b9f.txt": {
    short: "Wengler et al. 2026",
    reference:
      "Wengler, S., Kleinaltenkamp, M., Heirati, N. & Prohl-Schwenke, K. (2026): Untangling value-based customer management approaches in business markets. Industrial Marketing Management 133, 162–174. doi:10.1016/j.indmarman.2026.01.009.",
  },
  "002_686e595c1903ead9.txt": {
    short: "Eggert, Ulaga & Gehring",
    reference: "Eggert, A., Ulaga, W. & Gehring, A.: Managing customer success in business markets: conceptual foundation and practical application.",
  },
  "001_e5e9bab5cf92b6c7.txt": {
    short: "a reader's guide to Wengler et al. 2026",
    reference: "A Chinese-language reader's guide to Wengler, S., Kleinaltenkamp, M., Heirati, N. & Prohl-Schwenke, K. (2026).",
  },
};

/** The shape of a source key as content writes it; also what must never reach a reader. */
export const SOURCE_KEY_PATTERN = /\b\d{3}_[0-9a-f]{16}\.txt\b/g;

/** Whether a source key has an entry; content that cites one without an entry fails the check. */
export const isKnownSource = (key: string) => Object.hasOwn(BIBLIOGRAPHY, key);

/** The citation of a source key; an unknown key (which surveys:check refuses) shows as "unpublished source". */
export function citation(key: string): Citation {
  return BIBLIOGRAPHY[key] ?? { short: "unpublished source", reference: "Unpublished source." };
}

/** Text with every source key in it replaced by the source's short citation. */
export function citeInline(text: string): string {
  return text.includes(".txt") ? text.replace(SOURCE_KEY_PATTERN, (key) => citation(key).short) : text;
}

/** The source keys a text names inline, for the content check. */
export function sourceKeysIn(text: string): string[] {
  return text.match(SOURCE_KEY_PATTERN) ?? [];
}

/**
 * Content as it is shown outside the app (the JSON export): every text with its citations
 * resolved and every `sources` list as full references. The content hash stays the stored one.
 */
export function withCitations<T>(content: T): T {
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === "string") return citeInline(value);
    if (Array.isArray(value)) return key === "sources" ? value.map((k) => citation(String(k)).reference) : value.map((v) => walk(v));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return walk(content) as T;
}
