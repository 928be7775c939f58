import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

/** JSON with keys sorted at every depth, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The hash that freezes a version: SHA-256 of its canonical content without `status`, so
 * retiring a published version keeps its hash while any change of wording does not.
 */
export function contentHash(document: Record<string, unknown>): string {
  const { status: _status, ...content } = document;
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalJson(content))));
}
