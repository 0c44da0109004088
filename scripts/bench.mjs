// Runs every benchmark in bench/ in its own process (so peak memory is per area) and prints a summary.
// Each bench prints its own lines and, last, one JSON object: { area, figures: [{ name, value, unit, baseline, ratio, target }] }.
// Usage: npm run bench [-- area...]   e.g. npm run bench -- lint mapping
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const order = ['cli', 'client', 'lint', 'mapping', 'sandbox', 'sync', 'lsp'];
const available = readdirSync(`${root}bench`)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));
const wanted = process.argv.slice(2);
const areas = [
  ...order.filter((a) => available.includes(a)),
  ...available.filter((a) => !order.includes(a)),
].filter((a) => wanted.length === 0 || wanted.includes(a));

const results = [];
for (const area of areas) {
  console.log(`\n━━ bench/${area}.ts ━━`);
  const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', `bench/${area}.ts`], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = (run.stdout ?? '').trimEnd().split('\n');
  const last = lines.at(-1) ?? '';
  let summary;
  try {
    summary = JSON.parse(last);
    lines.pop();
  } catch {
    summary = { area, figures: [], error: `no summary line (exit ${run.status})` };
  }
  console.log(lines.join('\n'));
  if (run.status !== 0) summary.error = `exit ${run.status}`;
  results.push(summary);
}

console.log('\n━━ summary ━━');
for (const r of results) {
  if (r.error) console.log(`${r.area}: ${r.error}`);
  for (const f of r.figures ?? []) {
    const ratio = typeof f.ratio === 'number' ? `${f.ratio.toFixed(2)}× ${f.baseline ?? ''}`.trim() : '';
    console.log(
      `${r.area.padEnd(8)} ${f.name.padEnd(48)} ${String(f.value).padStart(12)} ${f.unit ?? ''}  ${ratio}  ${f.target ? `(target ${f.target})` : ''}`,
    );
  }
}
if (!existsSync(`${root}.bench`)) mkdirSync(`${root}.bench`);
writeFileSync(
  `${root}.bench/results.json`,
  `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`,
);
process.exitCode = results.some((r) => r.error) ? 1 : 0;
