import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLintConfig, timeZoneOf } from './config-file';

const scratch = mkdtempSync(join(tmpdir(), 'unsilo-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('timeZone in unsilo.config.yaml', () => {
  it('is Asia/Shanghai unless the file names another zone', () => {
    expect(timeZoneOf('lint:\n  rules: {}\n')).toEqual({ timeZone: 'Asia/Shanghai' });
    expect(timeZoneOf('timeZone: Asia/Urumqi\n')).toEqual({ timeZone: 'Asia/Urumqi' });
    expect(timeZoneOf('')).toEqual({ timeZone: 'Asia/Shanghai' });
  });

  it('reports a zone that does not exist where it is written, and keeps the default', () => {
    const { timeZone, problem } = timeZoneOf('lint: {}\ntimeZone: Asia/Beijing\n');
    expect(timeZone).toBe('Asia/Shanghai');
    expect(problem?.message).toEqual({
      zh: 'timeZone「Asia/Beijing」不是已知的 IANA 时区（例如 Asia/Shanghai）',
      en: 'timeZone "Asia/Beijing" is not a known IANA time zone (e.g. Asia/Shanghai)',
    });
    expect(problem?.range.start).toMatchObject({ line: 2, column: 11 });
  });

  it('comes with the rest of the config file', () => {
    const path = join(scratch, 'unsilo.config.yaml');
    writeFileSync(path, 'timeZone: Asia/Urumqi\nlint:\n  rules: { name/whitespace: off }\n');
    expect(readLintConfig(path)).toMatchObject({
      timeZone: 'Asia/Urumqi',
      config: { rules: { 'name/whitespace': 'off' } },
      problems: [],
    });
    writeFileSync(path, 'timeZone: Mars/Olympus\n');
    expect(readLintConfig(path)?.problems.map((p) => p.message.en)).toEqual([
      'timeZone "Mars/Olympus" is not a known IANA time zone (e.g. Asia/Shanghai)',
    ]);
  });
});
