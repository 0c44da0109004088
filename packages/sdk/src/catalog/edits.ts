import type { CatalogFile } from './parse';
import type { EntryPath, Fix, LocalizedText, TextEdit } from './types';
import type { YamlMap, YamlNode } from './yaml-ast';

const isMap = (node: YamlNode | null | undefined): node is YamlMap => node?.kind === 'map';

/** A scalar as YAML text: plain when it reads back as the same string, double-quoted otherwise. */
export function yamlScalar(value: string): string {
  const plainSafe =
    /^[^\s\-?:,[\]{}#&*!|>'"%@`][^#:,[\]{}]*$/.test(value) &&
    !/\s$/.test(value) &&
    !/^(?:true|false|null|yes|no|on|off|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan)$/i.test(
      value,
    );
  return plainSafe ? value : JSON.stringify(value);
}

/** Replaces the value at a path (the whole scalar, quotes included). */
export function replaceValueEdit(file: CatalogFile, path: EntryPath, newText: string): TextEdit | undefined {
  const node = file.node(path);
  if (!node) return undefined;
  return { offset: node.range[0], length: node.range[1] - node.range[0], newText };
}

export function renameKeyEdit(file: CatalogFile, path: EntryPath, newKey: string): TextEdit | undefined {
  const key = file.keyNode(path);
  if (!key) return undefined;
  return { offset: key.range[0], length: key.range[1] - key.range[0], newText: newKey };
}

/**
 * Inserts `path: value` where it belongs: into the deepest map of the path that exists (block or flow style),
 * creating the missing parent maps as nested block text. `valueText` is YAML text for the value.
 */
export function insertKeyEdit(file: CatalogFile, path: EntryPath, valueText: string): TextEdit | undefined {
  let depth = path.length - 1;
  while (depth > 0 && !isMap(file.node(path.slice(0, depth)))) {
    if (file.has(path.slice(0, depth))) return undefined; // a parent exists but is not a mapping
    depth--;
  }
  const parent = file.node(path.slice(0, depth));
  if (!isMap(parent)) return undefined;
  const missing = path.slice(depth).map(String);
  const text = file.text;
  if (parent.flow) {
    const close = text.lastIndexOf('}', parent.range[1]);
    if (close < parent.range[0]) return undefined;
    const body = missing.reduceRight(
      (inner, key, i) => (i === missing.length - 1 ? `${key}: ${inner}` : `${key}: { ${inner} }`),
      valueText,
    );
    let at = close;
    while (at > parent.range[0] && /\s/.test(text[at - 1]!)) at--;
    return { offset: at, length: 0, newText: parent.pairs.length > 0 ? `, ${body}` : body };
  }
  const indent = blockIndent(file, parent);
  const unit = detectIndentUnit(file);
  const lines = missing.map((key, i) => {
    const pad = ' '.repeat(indent + i * unit);
    return i === missing.length - 1 ? `${pad}${key}: ${valueText}` : `${pad}${key}:`;
  });
  const end = lastContentOffset(file, parent);
  const lineEnd = file.index.lineEnd(end);
  if (parent.pairs.length === 0) return undefined;
  return { offset: lineEnd, length: 0, newText: `\n${lines.join('\n')}` };
}

function blockIndent(file: CatalogFile, map: YamlMap): number {
  const first = map.pairs[0]?.key;
  return first ? file.index.position(first.range[0]).column - 1 : 0;
}

function detectIndentUnit(file: CatalogFile): number {
  const match = /\n( +)\S/.exec(file.text);
  return match ? Math.min(match[1]!.length, 4) : 2;
}

/** Offset of the last non-space character belonging to a block map (comments after it excluded). */
function lastContentOffset(file: CatalogFile, map: YamlMap): number {
  const last = map.pairs[map.pairs.length - 1];
  let end = (last?.value ?? last?.key)?.range[1] ?? map.range[1];
  while (end > 0 && /\s/.test(file.text[end - 1] ?? '')) end--;
  return Math.max(0, end - 1);
}

/**
 * Applies fixes (or bare edits) to a text. Edits refer to offsets of the original text; an edit that
 * overlaps one already taken is skipped (the next lint run offers it again), as ESLint does.
 */
export function applyFixes(text: string, fixes: ReadonlyArray<Fix | TextEdit>): string {
  return applyFixesTelling(text, fixes).text;
}

/** As `applyFixes`, and says which fixes it took, in the order given (the others overlapped one taken). */
export function applyFixesTelling<T extends Fix | TextEdit>(
  text: string,
  fixes: readonly T[],
): { text: string; taken: T[] } {
  const edits: TextEdit[] = [];
  const taken: T[] = [];
  for (const fix of fixes) {
    const group: readonly TextEdit[] = 'edits' in fix ? fix.edits : [fix as TextEdit];
    const overlaps = group.some((edit) => edits.some((other) => overlap(other, edit)));
    if (overlaps) continue;
    edits.push(...group);
    taken.push(fix);
  }
  edits.sort((a, b) => b.offset - a.offset || b.length - a.length);
  let result = text;
  for (const edit of edits) {
    result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  }
  return { text: result, taken };
}

function overlap(a: TextEdit, b: TextEdit): boolean {
  if (a.offset === b.offset) return true;
  const [first, second] = a.offset < b.offset ? [a, b] : [b, a];
  return first.offset + first.length > second.offset;
}

/** The fix `unsilo lint --fix` and the editor's "fix all" apply for a diagnostic: its first that is no suggestion. */
export function automaticFix(diagnostic: { fixes: readonly Fix[] }): Fix | undefined {
  return diagnostic.fixes.find((candidate) => candidate.suggestion !== true);
}

export function fix(title: LocalizedText, edit: TextEdit | undefined): Fix[] {
  return edit ? [{ title, edits: [edit] }] : [];
}
