import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintWorkspace } from './engine';
import { VALID_ENTRY, vary } from './rules/testing';
import type { SourceFile } from './types';
import { Workspace } from './workspace-service';

/** An entry with its own code, name, provider, authoritative key and related codes. */
function entry(
  code: string,
  name: string,
  options: { provider?: string; key?: string; related?: string } = {},
) {
  let text = vary('"307001030801/000012"', `"${code}"`);
  text = vary('name: 户籍人口基本信息', `name: ${name}`, text);
  if (options.provider) text = vary('"11330100MB0000019K"', `"${options.provider}"`, text);
  // A name of no data element, so the key alone decides what the authoritative item claims.
  if (options.key) text = vary('name: 公民身份号码, key: gmsfhm', `name: 标识号, key: ${options.key}`, text);
  return options.related ? `${text}related: ${options.related}\n` : text;
}

const OTHER_PROVIDER = '11330100MB0000027E';

/** A source whose text counts how often it is read: each parse reads it once. */
function counted(path: string, text: string): SourceFile & { reads: number } {
  const source = {
    path,
    reads: 0,
    get text() {
      source.reads++;
      return text;
    },
  };
  return source;
}

describe('Workspace, edited file by file', () => {
  const code = fc.constantFrom('307001030801/000001', '307001030801/000002', '307001030801/000003', 'TODO');
  /** A file's next text: an entry sharing codes, names and item keys with others, or no entry, or gone. */
  const text: fc.Arbitrary<string | undefined> = fc.oneof(
    {
      weight: 16,
      arbitrary: fc
        .record({
          code,
          name: fc.constantFrom('甲', '乙', '甲 ', '丙'),
          other: fc.boolean(),
          // gmsfhm and sfzh are one data element (公民身份号码): edits must re-check claims across keys.
          key: fc.constantFrom('gmsfhm', 'sfzh', 'xm2', 'zjhm'),
          related: fc.option(code, { nil: undefined }),
        })
        .map(({ code, name, other, key, related }) =>
          entry(code, name, {
            ...(other ? { provider: OTHER_PROVIDER } : {}),
            key,
            ...(related ? { related: `[${related}, 307001030801/000009]` } : {}),
          }),
        ),
    },
    { weight: 2, arbitrary: fc.constant(undefined) }, // deleted
    { weight: 1, arbitrary: fc.constant('code: "307001030801/000001"\nname: [\n') }, // broken YAML
    { weight: 1, arbitrary: fc.constant('apiVersion: unsilo/v1\nkind: FieldMapping\n') }, // another kind
  );
  // More files than the workspace keeps trees of, so positions also come from a second parse.
  const paths = [
    'e.yaml',
    'a/b.yaml',
    'a.yaml',
    'c/d/e.yaml',
    'b.yaml',
    'f.yaml',
    'g.yaml',
    'h/i.yaml',
    'j.yaml',
    'k.yaml',
  ];
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  for (const ordered of [false, true]) {
    it(`equals a fresh lint of the same files after every edit (${ordered ? 'ordered by path' : 'in the order files came'})`, () => {
      const start = fc.tuple(...paths.map(() => text));
      const edits = fc.array(fc.tuple(fc.constantFrom(...paths), text), { minLength: 1, maxLength: 30 });
      fc.assert(
        fc.property(start, edits, (first, then) => {
          const workspace = new Workspace(ordered ? { order: byPath } : {});
          // Without an order, files are listed as they came: a file removed and added again comes last.
          const current = new Map<string, string>();
          const steps: Array<[string, string | undefined][]> = [
            paths.map((path, i) => [path, first[i]]),
            ...then.map((edit) => [edit]),
          ];
          for (const step of steps) {
            for (const [path, next] of step) {
              workspace.update(path, next);
              if (next === undefined) current.delete(path);
              else current.set(path, next);
            }
            const files = [...current].map(([path, text]) => ({ path, text }));
            if (ordered) files.sort((a, b) => byPath(a.path, b.path));
            expect(workspace.lint()).toEqual(lintWorkspace(files));
          }
        }),
        { numRuns: 12, seed: ordered ? 7 : 42 },
      );
    });
  }
});

describe('Workspace.refresh', () => {
  const files = {
    'a.yaml': entry('307001030801/000001', '甲'),
    'b.yaml': entry('307001030801/000001', '乙', { provider: OTHER_PROVIDER, key: 'xm2' }),
    'c.yaml': entry('307001030801/000002', '丙', { key: 'zjhm', related: '[307001030801/000003]' }),
    'd.yaml': entry('307001030801/000004', '丁', { key: 'sfz' }),
  };
  const loaded = () => {
    const workspace = new Workspace();
    for (const [path, text] of Object.entries(files)) workspace.update(path, text);
    workspace.refresh();
    return workspace;
  };

  it('re-lints only the changed file when it shares nothing with the others', () => {
    const workspace = loaded();
    workspace.update('d.yaml', files['d.yaml'].replace('updateCycle: daily', 'updateCycle: 每日'));
    expect(workspace.refresh()).toEqual(['d.yaml']);
    expect(workspace.diagnostics('d.yaml')?.map((d) => d.rule)).toEqual(['schema/enum']);
  });

  it('re-lints the files sharing a fact with the old or the new version of the changed file', () => {
    const workspace = loaded();
    // d declares the code c relates to: c's warning goes.
    workspace.update('d.yaml', entry('307001030801/000003', '丁', { key: 'sfz' }));
    expect(workspace.refresh().sort()).toEqual(['c.yaml', 'd.yaml']);
    expect(workspace.diagnostics('c.yaml')?.map((d) => d.rule)).toEqual([]);
    // a leaves the code it shared with b: b's error goes.
    workspace.update('a.yaml', entry('307001030801/000009', '甲'));
    expect(workspace.refresh().sort()).toEqual(['a.yaml', 'b.yaml']);
    expect(workspace.diagnostics('b.yaml')?.map((d) => d.rule)).toEqual([]);
    workspace.update('b.yaml', undefined);
    expect(workspace.refresh()).toEqual(['b.yaml']);
    expect(workspace.diagnostics('b.yaml')).toBeUndefined();
    expect(workspace.lint().summary.files).toBe(3);
  });

  it('parses a file once per change, and a neighbour again only when its findings change', () => {
    const workspace = new Workspace();
    const a = counted('a.yaml', files['a.yaml']);
    const b = counted('b.yaml', files['b.yaml']);
    const c = counted('c.yaml', files['c.yaml']);
    for (const source of [a, b, c]) workspace.put(source.path, source);
    // Enough other files that the workspace no longer holds the trees of a, b and c.
    for (let i = 10; i < 20; i++)
      workspace.update(`x${i}.yaml`, entry(`307001030801/0000${i}`, `资源${i}`, { key: `k${i}` }));
    expect(workspace.lint().diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['a.yaml', 'code/duplicate'],
      ['b.yaml', 'code/duplicate'],
      ['c.yaml', 'related/unresolved'],
    ]);
    // Positioned from a second parse: the trees went when the files were read.
    expect([a.reads, b.reads, c.reads]).toEqual([2, 2, 2]);
    expect(workspace.refresh().slice(0, 3)).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
    // a changes, its code stays: b's finding ("also declared in a.yaml") is the same and b is not read. The
    // new a is read twice: compared with the old text, then parsed.
    const a2 = counted('a.yaml', files['a.yaml'].replace('updateCycle: daily', 'updateCycle: weekly'));
    workspace.put('a.yaml', a2);
    expect(workspace.refresh()).toEqual(['a.yaml', 'b.yaml']);
    expect([a2.reads, b.reads, c.reads]).toEqual([2, 2, 2]);
    // a takes c's code: b loses its finding (no parse needed), c gains one and is parsed for its position.
    const a3 = counted('a.yaml', entry('307001030801/000002', '甲'));
    workspace.put('a.yaml', a3);
    expect(workspace.refresh().sort()).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
    expect(workspace.diagnostics('b.yaml')).toEqual([]);
    expect(workspace.diagnostics('c.yaml')?.map((d) => d.rule)).toEqual([
      'code/duplicate',
      'related/unresolved',
    ]);
    expect([a3.reads, b.reads, c.reads]).toEqual([2, 2, 3]);
  });

  it('lints everything again under a new config, and drops ignored files', () => {
    const workspace = loaded();
    workspace.setConfig({ ignore: ['b.yaml'] });
    expect(workspace.refresh().sort()).toEqual(['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml']);
    expect(workspace.diagnostics('b.yaml')).toBeUndefined();
    expect(workspace.diagnostics('a.yaml')).toEqual([]);
  });
});

describe('Workspace.declaring and entry', () => {
  it('names the files declaring a code and keeps entries when asked', () => {
    const workspace = new Workspace({ retainEntries: true });
    workspace.update('b.yaml', VALID_ENTRY);
    workspace.update('a.yaml', VALID_ENTRY);
    workspace.update('m.yaml', 'apiVersion: unsilo/v1\nkind: FieldMapping\n');
    expect(workspace.declaring(' 307001030801/000012 ')).toEqual(['b.yaml', 'a.yaml']);
    expect(workspace.entry('a.yaml')?.code).toBe('307001030801/000012');
    expect(workspace.diagnostics('m.yaml')).toBeUndefined();
  });
});
