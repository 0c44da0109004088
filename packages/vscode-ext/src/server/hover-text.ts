/**
 * Hovers say each thing once. A field's hover draws on three sources that often agree word for word — the
 * national element's rule, the schema's description and the vocabulary — so a clause that repeats what the
 * hover already shows (the English description "Share type." under the title "Share type", the list of tokens
 * the vocabulary line gives with their codes) is left out.
 */

/** English words that say nothing on their own; Chinese is compared by pairs of characters instead. */
const STOP_WORDS = new Set(['the', 'and', 'for', 'not', 'with', 'its', 'that', 'this', 'are', 'from', 'one']);

/** A clause repeats what is shown when at least this share of its words (character pairs) is shown already. */
const REPEATED_SHARE = 0.8;

/** What a text is compared by: Latin words of 3+ characters and pairs of Chinese characters (markup ignored). */
function tokensOf(text: string): string[] {
  const plain = text.replace(/\]\([^)]*\)/g, ']').toLowerCase();
  const tokens: string[] = [];
  for (const word of plain.match(/[a-z0-9]+/g) ?? []) {
    if (word.length > 2 && !STOP_WORDS.has(word)) tokens.push(word);
  }
  for (const run of plain.match(/[\u3400-\u9fff]+/g) ?? []) {
    if (run.length === 1) tokens.push(run);
    for (let i = 0; i + 1 < run.length; i++) tokens.push(run.slice(i, i + 2));
  }
  return tokens;
}

/**
 * A text cut after each `。；;：:` and each full stop that ends a sentence (not the one of `2261.1`); a piece with
 * nothing to compare stays with the piece after it.
 */
function clausesOf(text: string): string[] {
  const clauses: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const ends =
      '。；;：:'.includes(c) ||
      (c === '.' &&
        (i + 1 === text.length || /\s/.test(text[i + 1]!)) &&
        !/\b(?:e\.g|i\.e)$/.test(text.slice(start, i)));
    if (!ends || tokensOf(text.slice(start, i + 1)).length === 0) continue;
    clauses.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) clauses.push(text.slice(start));
  return clauses;
}

/** The text without the clauses whose words the shown texts already hold; `''` when nothing new is left. */
export function withoutRepeats(text: string, shown: readonly string[]): string {
  const known = new Set(shown.flatMap(tokensOf));
  const clauses = clausesOf(text);
  const kept = clauses.filter((clause) => {
    const tokens = tokensOf(clause);
    if (tokens.length === 0) return true;
    const repeated = tokens.filter((token) => known.has(token)).length;
    return repeated / tokens.length < REPEATED_SHARE;
  });
  let joined = kept.join('').trim();
  if (tokensOf(joined).length === 0) return '';
  // What is left starts a sentence (its first clause may be gone) and ends one (its list may be gone).
  if (kept[0] !== clauses[0]) joined = joined.charAt(0).toUpperCase() + joined.slice(1);
  return joined.replace(/[：；，、]$/, '。').replace(/[:;,]$/, '.');
}
