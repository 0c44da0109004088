import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

/**
 * What a department developer meets in the first hour: the help that names every setting the exchange
 * commands read, and a lint that says so when the folder holds nothing to check.
 */

const scratch = mkdtempSync(join(tmpdir(), 'unsilo-first-hour-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const settings = ['UNSILO_EXCHANGE_URL', 'UNSILO_CLIENT_ID', 'UNSILO_CLIENT_SECRET', 'unsilo.config.yaml'];

describe('the help of the exchange commands names every setting they read', () => {
  it.each([[['--help']], [['sync', '--help']], [['publish', '--help']]])('unsilo %s', async (args) => {
    const { code, stdout } = await runCli(args);
    expect(code).toBe(0);
    const named = settings.filter((setting) => stdout.includes(setting));
    expect(named).toEqual(settings);
  });
});

describe('lint of a folder with no catalogue files', () => {
  it('exits 2 and says there is nothing to check', async () => {
    const dir = mkdtempSync(join(scratch, 'empty-'));
    writeFileSync(join(dir, 'notes.txt'), 'not a catalogue entry\n');
    const { code, stderr } = await runCli(['lint', dir, '--lang', 'en']);
    expect(code).toBe(2);
    expect(stderr).toContain('nothing to check');
  });
});
