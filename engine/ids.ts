// Stable identifiers: the same text always gives the same id, and changes in
// white space or full-/half-width forms do not move it (pages re-flow text).

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain, bryc). */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Text as ids see it: compatibility forms folded, all white space dropped. */
export function idText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/** A short id: prefix + base-36 hash of the id text of the given parts. */
export function stableId(prefix: string, ...parts: string[]): string {
  const key = parts.map(idText).join('\u0001');
  return `${prefix}_${hash53(key).toString(36).padStart(11, '0')}`;
}

/**
 * Makes ids unique within one plan: the second measure with the same text
 * gets `~2`, the third `~3`, so repeats stay stable in order.
 */
export function uniqueIds(): (id: string) => string {
  const seen = new Map<string, number>();
  return (id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}~${n}`;
  };
}
