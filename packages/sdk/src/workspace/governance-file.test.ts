import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLintConfig } from './config-file';
import { readGovernance } from './governance-file';

const scratch = mkdtempSync(join(tmpdir(), 'unsilo-governance-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('readGovernance', () => {
  const config = join(scratch, 'unsilo.config.yaml');
  mkdirSync(join(scratch, 'lists'));
  writeFileSync(
    config,
    'departments:\n  - { name: 甲局 }\nsystems: { file: lists/systems.yaml }\nservices: { file: lists/none.csv }\n',
  );
  writeFileSync(
    join(scratch, 'lists/systems.yaml'),
    'systems:\n  - { id: a, name: 甲系统 }\n  - { id: b }\n',
  );

  it('reads the lists of the config and the files it names, problems with their file and position', () => {
    const { governance, problems } = readGovernance(config);
    expect(governance.departments).toEqual([{ name: '甲局' }]);
    expect(governance.systems?.map((s) => s.id)).toEqual(['a']);
    expect(problems.map((p) => [p.file, p.code, p.range.start.line])).toEqual([
      [join(scratch, 'lists/systems.yaml'), 'system.id-or-name', 3],
      [join(scratch, 'lists/none.csv'), 'list.unreadable', 1],
    ]);
  });

  it('replaces the roster with --roster, and reads only the sections asked for', () => {
    const roster = join(scratch, 'roster.json');
    writeFileSync(roster, '{"departments": [{"name": "乙局"}]}');
    expect(readGovernance(config, { roster }).governance.departments).toEqual([{ name: '乙局' }]);
    const systemsOnly = readGovernance(config, { sections: ['systems'] });
    expect(Object.keys(systemsOnly.governance)).toEqual(['systems']);
    expect(readGovernance(join(scratch, 'absent.yaml'))).toEqual({ governance: {}, problems: [] });
  });

  it('gives the linter the registry ids (system/unknown), problems of the systems file with its name', () => {
    const read = readLintConfig(config);
    expect(read?.config.systems).toEqual(['a']);
    expect(read?.problems.map((p) => p.file)).toEqual([join(scratch, 'lists/systems.yaml')]);
  });
});
