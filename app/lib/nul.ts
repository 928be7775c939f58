// PostgreSQL text cannot hold the NUL character: such input is refused as bad input (400),
// field by field, before it reaches a query that would fail with a 500.

export const NUL_MESSAGE = "Remove the invisible NUL character (U+0000) from this field.";

/**
 * The path ("a.b.0") of the first string containing NUL in a value from a form or JSON body;
 * null when there is none. Walked with a stack of its own, so no nesting can overflow the call stack.
 */
export function findNul(value: unknown): string | null {
  // Each entry knows its parent, so a path is spelled out only for the string that has NUL.
  type Entry = { value: unknown; key: string; parent: Entry | null };
  const pathOf = (entry: Entry) => {
    const keys: string[] = [];
    for (let at: Entry | null = entry; at?.parent; at = at.parent) keys.push(at.key);
    return keys.reverse().join(".") || "body";
  };
  const pending: Entry[] = [{ value, key: "", parent: null }];
  while (pending.length > 0) {
    const entry = pending.pop()!;
    if (typeof entry.value === "string") {
      if (entry.value.includes("\u0000")) return pathOf(entry);
    } else if (entry.value && typeof entry.value === "object") {
      const entries = Object.entries(entry.value);
      // Pushed last to first, so entries are visited in order and the first NUL is the one named.
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, inner] = entries[i]!;
        pending.push(key.includes("\u0000") ? { value: "\u0000", key: "key", parent: entry } : { value: inner, key, parent: entry });
      }
    }
  }
  return null;
}
