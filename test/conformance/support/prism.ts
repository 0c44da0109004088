import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/cli';

/** The bundled contract Prism mocks (`npm run build -w packages/spec` writes it; it is committed). */
export const contractFile = join(repoRoot, 'packages/spec/dist/openapi.json');

const prismBin = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');

export interface RunningPrism {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts `prism mock` on the contract with its static examples (no `-d`: every answer is the operation's first
 * example) on a free port (`-p 0`; Prism prints the port it got), and resolves once it listens.
 */
export function startPrism(timeoutMs = 60_000): Promise<RunningPrism> {
  const child = spawn(process.execPath, [prismBin, 'mock', contractFile, '-h', '127.0.0.1', '-p', '0'], {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`prism did not start: ${why}\n${output.slice(-2000)}`));
    };
    // A test-harness guard, not a timing the test asserts: a Prism that never listens fails the run, not hangs it.
    const timer = setTimeout(() => fail('no "listening" line in time'), timeoutMs);
    const onData = (chunk: string) => {
      output += chunk;
      const listening = /Prism is listening on (http:\/\/[\w.:[\]]+)/.exec(output);
      if (listening && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ url: listening[1]!, close: () => stop(child) });
      }
    };
    child.stdout!.setEncoding('utf8').on('data', onData);
    child.stderr!.setEncoding('utf8').on('data', onData);
    child.on('error', (error) => fail(error.message));
    child.on('exit', (code) => fail(`exited with ${code}`));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/**
 * A small code range for runs against the mock: it answers every `getResource` with its example, so every code
 * looks taken and the allocator would probe the whole default range (100,000 requests) before giving up for each
 * entry a check files. With ten codes it gives up at once and the check fails on that.
 */
export const MOCK_CODE_RANGE = '399999999999/900000-900009';

/** Placeholder credentials (a YAML file, for the CLI too): the mock grants a token to any client id and secret. */
export const placeholderCredentialsFile = join(
  repoRoot,
  'test/conformance/support/placeholder-credentials.yaml',
);

/** The heading of the docs section that lists what a static mock fails. */
export const MOCK_SECTION_HEADING = '## What a static mock fails / 静态模拟无法通过的检验';

/**
 * The rows of the table under {@link MOCK_SECTION_HEADING}: check id → why a mock fails it. Undefined when the
 * Markdown has no such section.
 */
export function mockFailureRows(markdown: string): Map<string, string> | undefined {
  const lines = markdown.split('\n');
  const start = lines.indexOf(MOCK_SECTION_HEADING);
  if (start < 0) return undefined;
  const rows = new Map<string, string>();
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    const row = /^\|\s*`([^`]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (row) rows.set(row[1]!, row[2]!.trim());
  }
  return rows;
}

/** The check ids the docs list as failing (or skipped) against a static mock. */
export function mockFailuresListed(markdown: string): string[] | undefined {
  const rows = mockFailureRows(markdown);
  return rows && [...rows.keys()];
}
