import { describe, expect, it } from 'vitest';
import { lintEntry, lintText } from '../../engine';
import { VALID_ENTRY } from '../testing';

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
/** The valid entry with `businessMatters` nesting lists: the entry's map is level 1, so the file is `levels + 1` deep. */
const withLists = (levels: number) => `${VALID_ENTRY}businessMatters: ${nested(levels)}\n`;

function rulesOf(text: string): string[] {
  return lintText('entry.yaml', text).diagnostics.map((d) => d.rule);
}

describe('yaml/too-deep', () => {
  it('refuses 100,000 nested flow lists with one diagnostic at the first level too deep', () => {
    const result = lintText('entry.yaml', withLists(100_000));
    expect(
      result.diagnostics.map((d) => [d.rule, d.severity, d.range.start.line, d.range.start.column]),
    ).toEqual([['yaml/too-deep', 'error', 26, 81]]);
    expect(result.diagnostics[0]!.message).toEqual({
      zh: '嵌套层级超过 64 层，文件被拒绝（目录条目只需几层）',
      en: 'nesting deeper than 64 levels; the file is refused (a catalogue entry needs a handful)',
    });
  });

  it('refuses 100,000 nested block sequences on one line, and 200 levels of indented maps', () => {
    expect(rulesOf(`${'- '.repeat(100_000)}x\n`)).toEqual(['yaml/too-deep']);
    const indented = Array.from({ length: 200 }, (_, level) => `${'  '.repeat(level)}k${level}:`).join('\n');
    expect(rulesOf(`${indented} end\n`)).toEqual(['yaml/too-deep']);
  });

  it('reads 64 levels and refuses 65, on the fast path and the complete one alike', () => {
    expect(rulesOf(withLists(63))).not.toContain('yaml/too-deep');
    expect(rulesOf(withLists(64))).toEqual(['yaml/too-deep']);
    // An anchor sends the file to the complete parser.
    const anchored = (levels: number) =>
      withLists(levels).replace('updateCycle: daily', 'updateCycle: &c daily');
    expect(rulesOf(anchored(63))).not.toContain('yaml/too-deep');
    expect(rulesOf(anchored(64))).toEqual(['yaml/too-deep']);
  });

  it('refuses a value made deeper than its text by aliases, and says so (not "alias expansion")', () => {
    const text = `${VALID_ENTRY}x1: &x1 ${nested(30)}\nx2: &x2 ${'['.repeat(30)}*x1${']'.repeat(30)}\nx3: ${'['.repeat(30)}*x2${']'.repeat(30)}\n`;
    const result = lintText('entry.yaml', text);
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['yaml/too-deep']);
    expect(result.diagnostics[0]!.message.en).not.toContain('alias');
  });

  it('refuses JSON nested 1,000 levels, as text or as a value', () => {
    let value: unknown = 'leaf';
    for (let level = 0; level < 100_000; level++) value = [value];
    const entry = { ...JSON.parse(JSON.stringify({ code: '307001030801/000012' })), businessMatters: value };
    const asValue = lintEntry('entry.json', entry);
    expect(asValue.diagnostics.map((d) => [d.rule, d.path])).toEqual([['yaml/too-deep', '']]);
    let json = '"leaf"';
    for (let level = 0; level < 1_000; level++) json = `[${json}]`;
    expect(rulesOf(`{"code": "307001030801/000012", "businessMatters": ${json}}`)).toEqual(['yaml/too-deep']);
  });
});
