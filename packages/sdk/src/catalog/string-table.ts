/**
 * Strings the texts repeat over and over (the keys and vocabulary tokens of catalogue files), handed out as
 * one shared copy instead of a new string per occurrence: less garbage per file, and a rule comparing a key
 * with its literal compares two interned strings, which is a pointer check.
 */
export class StringTable {
  /** Candidates by length and first character (ASCII only). */
  private readonly buckets = new Map<number, string[]>();

  constructor(strings: Iterable<string>) {
    const unique = new Set<string>();
    for (const string of strings) {
      if (string.length > 0 && string.length < 256 && string.charCodeAt(0) < 128 && !/^\d+$/.test(string))
        unique.add(string);
    }
    // Property names are interned, so the keys of an object built from the strings are the interned copies.
    const interned = Object.keys(Object.fromEntries([...unique].map((string) => [string, true])));
    for (const string of interned) {
      const key = bucketKey(string.length, string.charCodeAt(0));
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(string);
      else this.buckets.set(key, [string]);
    }
  }

  /** `text.slice(start, end)`, the shared copy when the table holds it. */
  slice(text: string, start: number, end: number): string {
    const length = end - start;
    if (length > 0 && length < 256) {
      const first = text.charCodeAt(start);
      if (first < 128) {
        const bucket = this.buckets.get(bucketKey(length, first));
        if (bucket !== undefined) {
          for (let i = 0; i < bucket.length; i++) {
            const candidate = bucket[i]!;
            if (text.startsWith(candidate, start)) return candidate;
          }
        }
      }
    }
    return text.slice(start, end);
  }
}

function bucketKey(length: number, first: number): number {
  return (length << 7) | first;
}
