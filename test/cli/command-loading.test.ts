import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// The CLI's own commander (the root's is another major version, whose Command lacks what the commands use).
import { Command, Help } from '../../packages/cli/node_modules/commander';
import { commands } from '../../packages/cli/src/commands/index';
import { createProgram } from '../../packages/cli/src/index';
import { cliArgs, repoRoot } from '../helpers/cli';

const logModules = fileURLToPath(new URL('./support/log-modules.mjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'unsilo-loads-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The workspace source files `unsilo ARGS…` loads, relative to the repository (npm packages left out). */
function sourcesLoadedBy(args: string[]): { status: number | null; stdout: string; sources: string[] } {
  const log = join(scratch, `${args.join('-').replace(/\W+/g, '_')}.log`);
  // cliArgs: --conditions=source --import <tsx> <bin> ARGS…; the logger is imported after tsx, so it sees the
  // URLs tsx resolves.
  const [conditions, importFlag, tsx, ...rest] = cliArgs(args);
  const run = spawnSync(process.execPath, [conditions!, importFlag!, tsx!, '--import', logModules, ...rest], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, UNSILO_MODULE_LOG: log, NO_COLOR: '1' },
  });
  const urls = readFileSync(log, 'utf8').split('\n');
  const sources = urls
    .filter((url) => url.startsWith('file:') && !url.includes('/node_modules/'))
    .map((url) => fileURLToPath(url).slice(repoRoot.length))
    .filter((path) => path.startsWith('packages/'));
  return { status: run.status, stdout: run.stdout, sources: [...new Set(sources)].sort() };
}

/** The program as it was before commands were loaded lazily: every command module registered. */
async function programWithEveryCommand(): Promise<Command> {
  const program = new Command('unsilo')
    .description('Unsilo — 政务信息资源目录与共享交换工具 / catalogue and exchange toolkit')
    .version('0.1.0');
  for (const entry of commands) (await entry.load()).register(program);
  return program;
}

describe('the command table', () => {
  it('shows each command as its module registers it', async () => {
    const program = await programWithEveryCommand();
    const help = new Help();
    expect(
      program.commands.map((command) => ({
        name: command.name(),
        term: help.subcommandTerm(command),
        description: command.description(),
      })),
    ).toEqual(commands.map(({ name, term, description }) => ({ name, term, description })));
  });

  it('gives `unsilo --help` the text it had with every command loaded', async () => {
    const lazy = await createProgram(['node', 'unsilo']);
    expect(lazy.helpInformation()).toBe((await programWithEveryCommand()).helpInformation());
    expect(lazy.commands.map((command) => command.options.length)).toEqual(commands.map(() => 0));
  });

  it('loads the command a line names, also after `help`', async () => {
    const named = await createProgram(['node', 'unsilo', 'help', 'check']);
    const check = named.commands.find((command) => command.name() === 'check');
    expect(check?.options.map((option) => option.long)).toEqual(['--format', '--lang']);
  });
});

describe('what a start loads', () => {
  it('`unsilo --help` loads no command module and nothing of the SDK', () => {
    const run = sourcesLoadedBy(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('sandbox [options]');
    expect(run.sources).toEqual([
      'packages/cli/src/bin.ts',
      'packages/cli/src/commands/index.ts',
      'packages/cli/src/index.ts',
      'packages/cli/src/util/cli-error.ts',
      'packages/cli/src/util/exchange-help.ts',
      'packages/cli/src/util/lang.ts',
    ]);
  });

  it('`unsilo check uscc …` loads the check command and the SDK identifiers only', () => {
    const run = sourcesLoadedBy(['check', 'uscc', '91350100M000100Y43']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('✔ 91350100M000100Y43\n');
    const outsideIdentifiers = run.sources.filter(
      (path) => path.startsWith('packages/sdk/') && !path.startsWith('packages/sdk/src/identifiers/'),
    );
    expect(outsideIdentifiers).toEqual([]);
    expect(run.sources.filter((path) => path.startsWith('packages/cli/src/commands/'))).toEqual([
      'packages/cli/src/commands/check.ts',
      'packages/cli/src/commands/index.ts',
    ]);
  });
});
