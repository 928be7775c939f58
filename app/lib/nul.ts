// PostgreSQL text cannot hold the NUL character: such input is refused as bad input (400),
// field by field, before it reaches a query that would fail with a 500.

export const NUL_MESSAGE = "Remove the invisible NUL character (U+0000) from this field.";

/** The path ("a.b.0") of the first string containing NUL in a value from a form or JSON body; null when there is none. */
export function findNul(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "body" : null;
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes("\u0000")) return [...path, "key"].join(".");
      const found = findNul(inner, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}
