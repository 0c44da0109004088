/**
 * Prints the table of the docs section "What a static mock fails" for the checks as they are now: runs the suite
 * against Prism and writes a row per check that does not pass, keeping the explanation of every row the docs (or
 * the draft section) already have, the standard one for a check that could not file its entry, and the run's own
 * reason, marked TODO, for a new one. Paste the output under the heading and rewrite the TODO rows.
 *
 *   node --conditions=source --import tsx test/conformance/support/prism-rows.ts [MARKDOWN_FILE]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CheckResult,
  parseCodeRange,
  readCredentialsFile,
  runConformance,
} from '@unsilo/sdk/conformance';
import { repoRoot } from '../../helpers/cli';
import { MOCK_CODE_RANGE, mockFailureRows, placeholderCredentialsFile, startPrism } from './prism';

const NO_CODE =
  'files an entry of its own: every code looks taken on the mock (`getResource` answers 200 for any code)';

function why(result: CheckResult, known: Map<string, string>): string {
  const kept = known.get(result.id);
  if (kept !== undefined) return kept;
  if (result.reason?.includes('is taken; reserve another range')) return NO_CODE;
  const reason = (result.reason ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|');
  return `TODO ${result.outcome === 'skip' ? 'skipped: ' : ''}${reason}`;
}

function table(rows: [string, string][]): string {
  const all: [string, string][] = [['check id', 'why a mock fails it'], ...rows];
  const width = [0, 1].map((k) => Math.max(...all.map((row) => row[k]!.length)));
  const line = (row: [string, string]) => `| ${row[0].padEnd(width[0]!)} | ${row[1].padEnd(width[1]!)} |`;
  return [line(all[0]!), `| ${'-'.repeat(width[0]!)} | ${'-'.repeat(width[1]!)} |`, ...rows.map(line)].join(
    '\n',
  );
}

const source = process.argv[2] ?? join(repoRoot, 'docs/conformance.md');
const known = mockFailureRows(readFileSync(source, 'utf8')) ?? new Map<string, string>();
const prism = await startPrism();
try {
  const report = await runConformance({
    baseUrl: prism.url,
    credentials: readCredentialsFile(placeholderCredentialsFile),
    codeRange: parseCodeRange(MOCK_CODE_RANGE),
  });
  if (report.couldNotRun !== undefined) throw new Error(`the pre-flight step failed: ${report.couldNotRun}`);
  const failing = report.results.filter((r) => r.outcome !== 'pass');
  console.log(table(failing.map((r): [string, string] => [`\`${r.id}\``, why(r, known)])));
} finally {
  await prism.close();
}
