import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseFastYaml, parseFastYamlValue } from './fast-yaml';
import { parseCatalogFile } from './parse';
import { VALID_ENTRY } from './rules/testing';
import { fromYamlDocument, toPlain } from './yaml-ast';

/** The complete parser's view, in the same tree shape; undefined when it reports errors. */
function complete(text: string) {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) return undefined;
  return { tree: fromYamlDocument(document), value: document.toJS() };
}

/** The fast parser either declines or agrees with the complete one, tree, offsets and values alike. */
function expectAgreement(text: string) {
  const fast = parseFastYaml(text);
  if (fast === undefined) return false;
  const full = complete(text);
  expect(full, `the complete parser rejects what the fast one accepted:\n${text}`).toBeDefined();
  expect(fast).toEqual(full!.tree);
  expect(toPlain(fast)).toEqual(full!.value);
  expect(parseFastYamlValue(text)).toEqual({ root: fast, value: full!.value });
  return true;
}

function fixtureTexts(): string[] {
  const root = join(import.meta.dirname, '../../../../test/fixtures/catalog');
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.yaml')) texts.push(readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return texts;
}

describe('parseFastYaml', () => {
  it('agrees with the complete parser on every catalogue fixture', () => {
    const texts = [VALID_ENTRY, ...fixtureTexts()];
    const accepted = texts.filter(expectAgreement).length;
    // Everything but the deliberately broken files (yaml-syntax, yaml-too-deep) takes the fast path.
    expect(accepted).toBe(texts.length - 2);
  });

  it('agrees on the YAML forms catalogue files use', () => {
    const samples = [
      'a: 1\nb: -2.5\nc: true\nd: ~\ne:\nf: null\ng: 0012\nh: 1e3\n',
      'code: "307001/1"\nname: \'it\'\'s\'\nesc: "a\\tb\\u00e9\\"q\\""\n',
      '# comment\n---\nkey: value # trailing comment\nurl: http://x/#frag\nhash: C#\n',
      'list:\n- a\n- b\nnested:\n  - name: x\n    key: y\n  - { name: z, key: w }\n  -\n    name: deep\n',
      'flow: { a: 1, b: [x, "y", { c: d }], e: }\nempty: {}\nnone: []\ntrail: [a, b, ]\n',
      'items:\n  - [1, 2]\n  - "quoted"\n  - plain text with spaces\n',
      'k: a:b\nj: "x: y"\nm: [a:b]\n',
      'top:\n  mid:\n    low: 1\n  other: 2\nlast: 3\n',
      '',
      '# only a comment\n',
      'plain scalar\n',
      '[1, 2, 3]\n',
      '__proto__: { code: x }\nname: a\nflow: { __proto__: 1 }\n',
    ];
    for (const sample of samples) expectAgreement(sample);
  });

  it('separates with spaces only: a full-width space before # is text, spaces before a colon end the key', () => {
    const fast = 'note: a\u3000"b #c"\ncode  : x\nitems:\n  - key  : y\n';
    expect(expectAgreement(fast)).toBe(true);
    // `#` after a full-width space goes to the complete parser, which reads it as text.
    expect(parseCatalogFile('a.yaml', `name: 户籍\u3000#1\n${fast}`).entry).toEqual({
      name: '户籍\u3000#1',
      note: 'a\u3000"b',
      code: 'x',
      items: [{ key: 'y' }],
    });
  });

  it('declines what it does not cover, leaving it to the complete parser', () => {
    const declined = [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |\n  text\n',
      'a: >\n  folded\n',
      'a: "multi\n  line"\n',
      'a: plain\n  continued\n',
      'a: 1\na: 2\n',
      '\ta: 1\n',
      'a: 1\r\nb: 2\r\n',
      'a: [1,\n 2]\n',
      'a: b: c\n',
      '? complex\n: key\n',
      'a: 1\n---\nb: 2\n',
      '  a: 1\n',
      'a:\n    b: 1\n  c: 2\n',
      'a: 0x1F\n',
      'a: .inf\n',
      '- - nested\n',
      '...\n',
      '--- a\n',
      '---a: 1\n',
    ];
    for (const text of declined) expect(parseFastYaml(text), text).toBeUndefined();
  });

  it('never disagrees with the complete parser on generated YAML-like text', () => {
    const atom = fc.constantFrom(
      'a',
      'b',
      '名称',
      '1',
      '-1',
      '0.5',
      'true',
      '~',
      'null',
      '"q"',
      "'s'",
      '"a\\"b"',
      "'it''s'",
      '"\\u00e9"',
      '[x, y]',
      '[]',
      '{ k: v }',
      '{a: 1, b: [2]}',
      '{ }',
      '[a, [b, c]]',
      '',
      '#c',
      'x #c',
      'x# y',
      'x: y',
      '- z',
      ' ',
      '"',
      '[a',
      'a]',
      '{k}',
      '&a x',
      '*a',
      '!t x',
      '|',
      '-',
      ':',
      'a:b',
      '"x" y',
      '2019-05-10',
      'GB/T 2261.1',
      // Separators that look like spaces but are not YAML white space, and spaces before a colon.
      'x\u3000#c',
      '\u3000"q"',
      'x\u00a0#c',
      'a ',
      '"x #y"',
      '?',
      '...',
    );
    const line = fc.tuple(
      fc.constantFrom('', '  ', '    ', ' '),
      fc.constantFrom('', '- ', '-'),
      atom,
      fc.constantFrom(':', ': ', '', ':  '),
      atom,
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const text = lines
          .map(([indent, dash, key, colon, value]) => `${indent}${dash}${key}${colon}${colon ? value : ''}`)
          .join('\n');
        expectAgreement(text);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 3000) },
    );
  });
});

describe('parseFastYaml depth', () => {
  const lists = (levels: number) => `a: ${'['.repeat(levels)}${']'.repeat(levels)}\n`;
  const indented = (levels: number) =>
    `${Array.from({ length: levels }, (_, level) => `${'  '.repeat(level)}k${level}:`).join('\n')} end\n`;

  it('reads 64 levels and leaves deeper texts to the complete parser, however deep, without throwing', () => {
    expect(parseFastYaml(lists(63))?.kind).toBe('map');
    expect(parseFastYaml(lists(64))).toBeUndefined();
    expect(parseFastYaml(lists(100_000))).toBeUndefined();
    expect(parseFastYaml(indented(64))?.kind).toBe('map');
    expect(parseFastYaml(indented(65))).toBeUndefined();
  });
});
