// CLI start-up: wall time and peak memory of the built `unsilo` for `--help` and for one identifier check, beside
// a bare `node -e 0` (what no CLI can go under). Each command loads only the modules it uses, so these stay near
// Node's own start whatever the other commands import.
//
//   npm run build && node --conditions=source --import tsx bench/cli.ts [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '..');
const bin = join(repoRoot, 'packages/cli/dist/bin.js');
const maxRss = join(import.meta.dirname, 'support/report-max-rss.mjs');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg === -1 ? 21 : Number(process.argv[runsArg + 1]);

if (!existsSync(bin)) {
  console.error(`${bin} is missing: run npm run build first (npm run bench does)`);
  process.exit(2);
}

interface Start {
  label: string;
  args: string[];
  /** The target from issue 13, in ms. */
  targetMs?: number;
}

const starts: Start[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'unsilo --help', args: [bin, '--help'], targetMs: 120 },
  {
    label: 'unsilo check uscc 91350100M000100Y43',
    args: [bin, 'check', 'uscc', '91350100M000100Y43'],
    targetMs: 250,
  },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median wall time of RUNS starts (after two to warm the file cache), and the peak RSS of one more. */
function measure(start: Start): { ms: number; rssMb: number } {
  const times: number[] = [];
  for (let run = -2; run < RUNS; run++) {
    const began = process.hrtime.bigint();
    const result = spawnSync(process.execPath, start.args, { cwd: repoRoot, stdio: 'ignore' });
    const ms = Number(process.hrtime.bigint() - began) / 1e6;
    if (result.status !== 0) throw new Error(`${start.label} exited with ${result.status}`);
    if (run >= 0) times.push(ms);
  }
  const probe = spawnSync(process.execPath, ['--import', maxRss, ...start.args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const kb = Number(/max-rss-kb (\d+)\s*$/.exec(probe.stderr)?.[1]);
  return { ms: median(times), rssMb: kb / 1024 };
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const measured = starts.map((start) => ({ start, ...measure(start) }));
const node = measured[0]!;
for (const { start, ms, rssMb } of measured) {
  console.log(
    `${start.label.padEnd(40)} ${ms.toFixed(1).padStart(7)} ms  ${rssMb.toFixed(1).padStart(6)} MB  ${(ms / node.ms).toFixed(2)}× node -e 0`,
  );
}

const figures = measured.flatMap(({ start, ms, rssMb }) => [
  {
    name: `${start.label}, median wall time of ${RUNS} starts`,
    value: round(ms),
    unit: 'ms',
    baseline: `node -e 0 ${round(node.ms)} ms`,
    ratio: round(ms / node.ms, 2),
    ...(start.targetMs ? { target: `≤ ${start.targetMs} ms` } : {}),
  },
  {
    name: `${start.label}, peak RSS`,
    value: round(rssMb),
    unit: 'MB',
    baseline: `node -e 0 ${round(node.rssMb)} MB`,
    ratio: round(rssMb / node.rssMb, 2),
  },
]);
console.log(JSON.stringify({ area: 'cli', figures }));
