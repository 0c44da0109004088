import { describe, expect, it } from 'vitest';
import { type CatalogFile, parseCatalogFile } from './parse';
import { VALID_ENTRY } from './rules/testing';
import type { EntryPath } from './types';
import type { YamlNode } from './yaml-ast';

describe('parseCatalogFile', () => {
  const file = parseCatalogFile('entry.yaml', VALID_ENTRY);

  it('gives the plain entry and keeps positions of keys and values', () => {
    expect(file.diagnostics).toEqual([]);
    expect(file.get(['share', 'method', 'type'])).toBe('api');
    expect(file.rangeOf(['share', 'type'])).toEqual({
      start: { line: 19, column: 9, offset: VALID_ENTRY.indexOf('conditional') },
      end: { line: 19, column: 20, offset: VALID_ENTRY.indexOf('conditional') + 'conditional'.length },
    });
    expect(file.rangeOf(['share', 'type'], 'key').start).toMatchObject({ line: 19, column: 3 });
  });

  it('points an absent path at its nearest present ancestor, a top-level one at the end of the entry', () => {
    expect(file.rangeOf(['open', 'condition']).start).toMatchObject({ line: 22, column: 1 });
    // After `publishedAt: 2019-05-10`, the last line, where a new field is added: never `apiVersion` on line 1.
    const lines = VALID_ENTRY.trimEnd().split('\n');
    const end = { line: lines.length, column: lines.at(-1)!.length + 1 };
    expect(file.rangeOf(['nowhere']).start).toMatchObject(end);
    expect(file.rangeOf(['nowhere']).end).toMatchObject(end);
    // The entry itself is its first key.
    expect(file.rangeOf([]).start).toMatchObject({ line: 1, column: 1 });
    // An item without the field: its first line.
    const item = VALID_ENTRY.indexOf('  - { name: 姓名');
    expect(file.offsets(['items', 1, 'nowhere'])).toEqual([item + 4, VALID_ENTRY.indexOf('\n', item)]);
  });

  it('keeps numbers as written when a string is asked for', () => {
    const digits = parseCatalogFile('x.yaml', 'provider: { code: 113301001234567890 }\n');
    expect(digits.string(['provider', 'code'])).toBe('113301001234567890');
  });

  it('finds the path at an offset, for hover and completion', () => {
    expect(file.pathAt(VALID_ENTRY.indexOf('conditional') + 2)).toEqual({
      path: ['share', 'type'],
      part: 'value',
    });
    expect(file.pathAt(VALID_ENTRY.indexOf('updateCycle'))).toEqual({ path: ['updateCycle'], part: 'key' });
    expect(file.pathAt(VALID_ENTRY.indexOf('gmsfhm'))).toEqual({ path: ['items', 0, 'key'], part: 'value' });
  });

  it('answers malformed input with no entry and yaml/syntax errors where the text breaks, never a throw', () => {
    /** Each finding as rule, severity and where it starts (line:column). */
    const findings = (text: string) =>
      parseCatalogFile('bad.yaml', text).diagnostics.map(
        (d) => `${d.rule} ${d.severity} ${d.range.start.line}:${d.range.start.column}`,
      );
    const entryOf = (text: string) => parseCatalogFile('bad.yaml', text).entry;
    const cases: Array<[text: string, findings: string[]]> = [
      ['a: [', ['yaml/syntax error 1:5']],
      ['{{{{', Array(4).fill('yaml/syntax error 1:5')],
      ['a: "\\x"', ['yaml/syntax error 1:5']],
      ['\t- a', ['yaml/syntax error 1:1']],
      ['a: &x\nb: *y', ['yaml/syntax error 2:4']],
      [`${'['.repeat(5000)}${']'.repeat(5000)}`, ['yaml/too-deep error 1:65']],
      // Not a mapping, but well-formed YAML or nothing at all: no entry, and nothing for the parser to report.
      ['', []],
      ['\u0000\u0001', []],
      ['- - - -', []],
    ];
    for (const [text, expected] of cases) {
      expect(findings(text), JSON.stringify(text.slice(0, 20))).toEqual(expected);
      expect(entryOf(text)).toBeUndefined();
    }
    expect(parseCatalogFile('bad.yaml', 'a: "\\x"').diagnostics[0]?.message.en).toBe(
      'YAML syntax error: Invalid escape sequence \\x"',
    );
    expect(parseCatalogFile('deep.yaml', '['.repeat(100)).diagnostics[0]?.message.en).toBe(
      'nesting deeper than 64 levels; the file is refused (a catalogue entry needs a handful)',
    );
    // A lone key is a mapping: an entry with one empty key and nothing to report yet (the linter's rules do).
    expect(findings(':')).toEqual([]);
    expect(JSON.stringify(entryOf(':'))).toBe('{"":null}');
  });

  it('reads a string at any path as the tree holds it, on the fast and the complete parser alike', () => {
    /** What `string` answers from the tree alone. */
    const fromTree = (parsed: CatalogFile, path: EntryPath) => {
      const node = parsed.node(path);
      if (node?.kind !== 'scalar' || node.value === null || node.value === undefined) return undefined;
      if (typeof node.value === 'string') return node.value;
      if (typeof node.value === 'number' && node.style === 'plain') return node.source;
      return String(node.value);
    };
    const paths = (node: YamlNode | null, prefix: Array<string | number>): EntryPath[] => {
      if (node?.kind === 'map')
        return node.pairs.flatMap((pair) => {
          const path = [...prefix, String(pair.key.value)];
          return [path, ...paths(pair.value, path)];
        });
      if (node?.kind === 'seq')
        return node.items.flatMap((item, i) => [[...prefix, i], ...paths(item, [...prefix, i])]);
      return [];
    };
    const odd = `${VALID_ENTRY}__proto__: { code: "x", toString: y }\nrelated: [0012, true, ~, 1.5e3, "q"]\nx: { constructor: 1 }\n`;
    for (const text of [VALID_ENTRY, odd, `${odd}anchor: &a 1\nalias: *a\nblock: |\n  text\n`]) {
      const parsed = parseCatalogFile('a.yaml', text);
      const all = [
        ...paths(parsed.root, []),
        ['code', 'x'],
        ['toString'],
        ['__proto__', 'code'],
        ['items', 'length'],
      ];
      for (const path of all) expect(parsed.string(path), path.join('.')).toBe(fromTree(parsed, path));
      expect(parsed.get(['code'])).toBe('307001030801/000012');
    }
  });
});
