/**
 * Catalogue linter benchmark.
 * (a) lints a generated workspace of 10,000 entries (deterministic, written to a temp dir): wall time of the
 *     engine (read + parse + every rule, whole-workspace rules included) and peak memory, in a fresh process;
 * (b) compares `unsilo lint` with Spectral (`@stoplight/spectral-cli`) running bench/.spectral.yaml — the
 *     rules Spectral can express (required fields, vocabularies, patterns, conditional requirements) — on
 *     the same files in the same run, both as CLIs started from scratch.
 * Usage: node --conditions=source --import tsx bench/lint.ts [--entries N] [--skip-spectral]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

// ── worker mode: lint a directory in this (fresh) process and report time and peak memory ──
if (args[0] === '--worker') {
  const { lintWorkspace, rules } = await import('@unsilo/sdk/catalog');
  // Every rule on, the opt-in ones (off without a config naming them) included.
  const optIn = rules.filter((rule) => rule.optIn).map((rule) => [rule.id, 'info'] as const);
  const dir = args[1]!;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => ({ path: name, text: readFileSync(join(dir, name), 'utf8') }));
  const read = performance.now();
  const result = lintWorkspace(files, { config: { rules: Object.fromEntries(optIn) } });
  const done = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  process.stdout.write(
    `${JSON.stringify({
      files: files.length,
      readMs: read - started,
      lintMs: done - read,
      totalMs: done - started,
      cpuMs: (cpu.user + cpu.system) / 1000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      summary: result.summary,
    })}\n`,
  );
  process.exit(0);
}

const ENTRIES = Number(option('--entries') ?? 10_000);
/**
 * Spectral needs minutes per thousand files on a shared machine (and over 1 GB at 10,000), so by default the
 * comparison runs both CLIs on the first 1,000 generated files; `--spectral-entries 10000` compares on all.
 */
const ruleCount = (await import('@unsilo/sdk/catalog')).rules.length;
const SPECTRAL_ENTRIES = Math.min(ENTRIES, Number(option('--spectral-entries') ?? 1_000));
const SKIP_SPECTRAL = args.includes('--skip-spectral');

/** mulberry32: the same workspace on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEPARTMENTS = [
  ['某市公安局', '113301000024820155'],
  ['某市民政局', '113301000024820230'],
  ['某市人力资源和社会保障局', '11330100002482031T'],
  ['某市市场监督管理局', '1133010000248204XJ'],
  ['某市自然资源和规划局', '11330100002482058J'],
  ['某市卫生健康委员会', '11330100002482066D'],
  ['某市教育局', '113301000024820748'],
] as const;
const ITEMS = [
  '{ name: 公民身份号码, key: gmsfhm, type: C, length: 18 }',
  '{ name: 姓名, key: xm, type: C, length: 50 }',
  '{ name: 性别, key: xb, type: C, length: 1, codeset: GB/T 2261.1 }',
  '{ name: 民族, key: mz, type: C, length: 2, codeset: GB/T 3304 }',
  '{ name: 出生日期, key: csrq, type: D }',
  '{ name: 统一社会信用代码, key: tyshxydm, type: C, length: 18 }',
  '{ name: 登记日期, key: djrq, type: D }',
  '{ name: 联系电话, key: lxdh, type: C, length: 20 }',
  '{ name: 地址, key: dz, type: C, length: 200 }',
  '{ name: 行政区划代码, key: xzqhdm, type: C, length: 6, codeset: GB/T 2260 }',
  '{ name: 金额, key: je, type: Y, length: 18 }',
  '{ name: 备注, key: bz, type: M }',
  '{ name: 更新时间, key: gxsj, type: T }',
  '{ name: 状态, key: zt, type: C, length: 2 }',
];
const SHARES = [
  'share:\n  type: unconditional\n  method: { class: platform, type: api }',
  'share:\n  type: conditional\n  condition: 仅用于依法履职，须经提供部门审批\n  method: { class: platform, type: api }',
  'share:\n  type: conditional\n  condition: 用于业务协同核验\n  method: { class: platform, type: database }',
  'share:\n  type: none\n  condition: 依据《中华人民共和国个人信息保护法》不予共享',
];
const CYCLES = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'annual'];

/** One entry; about one in twenty carries a defect (a Chinese label, a bad date, a short summary, a missing length). */
function entry(i: number, random: () => number): string {
  const d = i % DEPARTMENTS.length;
  const [provider, uscc] = DEPARTMENTS[d]!;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const items = [...ITEMS].sort(() => random() - 0.5).slice(0, 3 + Math.floor(random() * 10));
  let share = pick(SHARES);
  let cycle = pick(CYCLES);
  // 2017–2025: real publication dates (date/published-range reports one before 2016-09-05 or after today).
  let date = `20${String(17 + Math.floor(random() * 9))}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
  let summary = `第 ${i} 号信息资源，记录${provider.slice(2)}业务办理中产生的登记、变更和注销信息。`;
  const defect = random() < 0.05 ? Math.floor(random() * 4) : -1;
  if (defect === 0) share = share.replace('type: conditional', 'type: 有条件共享');
  if (defect === 1) date = date.replace(/-/g, '/');
  if (defect === 2) summary = '登记信息';
  if (defect === 3) items[0] = items[0]!.replace(/, length: \d+/, '');
  if (defect === 0 && !share.includes('有条件')) cycle = '每日';
  const code = `3070010${d + 1}${String(Math.floor(i / 1000) + 10).padStart(2, '0')}/${String(i).padStart(6, '0')}`;
  const related =
    i > 0 && random() < 0.3
      ? `\nrelated: ["${`3070010${((i - 1) % 7) + 1}${String(Math.floor((i - 1) / 1000) + 10).padStart(2, '0')}/${String(i - 1).padStart(6, '0')}`}"]`
      : '';
  return `apiVersion: unsilo/v1
kind: InformationResource
code: "${code}"
name: 业务信息资源${i}
provider:
  name: ${provider}
  code: "${uscc}"
classification:
  class: department
  topic: 业务
summary: ${summary}
format: { class: database, type: oracle }
items:
${items.map((item) => `  - ${item}`).join('\n')}
${share}
open:
  type: none
updateCycle: ${cycle}
publishedAt: ${date}${related}
`;
}

function generate(dir: string): number {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = prng(20_240_501);
  let bytes = 0;
  for (let i = 0; i < ENTRIES; i++) {
    const text = entry(i, random);
    bytes += Buffer.byteLength(text);
    writeFileSync(join(dir, `entry-${String(i).padStart(5, '0')}.yaml`), text);
  }
  return bytes;
}

/** Runs a command, timing it and sampling its peak RSS (VmHWM) from /proc. */
function timed(
  command: string,
  commandArgs: string[],
): Promise<{ ms: number; maxRssMb: number; code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let peak = 0;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.resume();
    const sample = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
      } catch {}
    };
    const timer = setInterval(sample, 25);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ ms: performance.now() - started, maxRssMb: peak, code, stdout });
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const r3 = (value: number) => Math.round(value * 1000) / 1000;

const dir = join(tmpdir(), `unsilo-bench-lint-${ENTRIES}`);
const bytes = generate(dir);
console.log(`generated ${ENTRIES} entries (${(bytes / 1e6).toFixed(1)} MB) in ${dir}`);

// (a) the engine, three fresh processes; the median run counts.
const workerRuns = [];
for (let run = 0; run < 3; run++) {
  const out = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'bench/lint.ts', '--worker', dir],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (out.status !== 0) throw new Error(`worker failed: ${out.stderr}`);
  workerRuns.push(JSON.parse(out.stdout.trim().split('\n').at(-1)!));
}
const engine = workerRuns.sort((a, b) => a.totalMs - b.totalMs)[1];
console.log(
  `load average during the run: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${availableParallelism()} CPUs`,
);
console.log(
  `engine: ${engine.files} files, CPU ${engine.cpuMs.toFixed(0)} ms, read ${engine.readMs.toFixed(0)} ms + lint ${engine.lintMs.toFixed(0)} ms = ${engine.totalMs.toFixed(0)} ms, peak RSS ${engine.maxRssMb.toFixed(0)} MB, ${engine.summary.errors} errors, ${engine.summary.warnings} warnings`,
);

// (b) CLI against CLI, from process start to exit, on the same files.
const sample = SPECTRAL_ENTRIES === ENTRIES ? dir : `${dir}-sample`;
if (sample !== dir) {
  rmSync(sample, { recursive: true, force: true });
  mkdirSync(sample, { recursive: true });
  for (const name of readdirSync(dir).sort().slice(0, SPECTRAL_ENTRIES)) {
    writeFileSync(join(sample, name), readFileSync(join(dir, name)));
  }
}
const unsiloCli = await timed(process.execPath, [
  '--conditions=source',
  '--import',
  'tsx',
  'packages/cli/src/bin.ts',
  'lint',
  sample,
  '--format',
  'json',
]);
const unsiloFindings = JSON.parse(unsiloCli.stdout).summary;
console.log(
  `unsilo lint (CLI, ${SPECTRAL_ENTRIES} files): ${unsiloCli.ms.toFixed(0)} ms, peak RSS ${unsiloCli.maxRssMb.toFixed(0)} MB, exit ${unsiloCli.code}`,
);

let spectral: { ms: number; maxRssMb: number; code: number | null; stdout: string } | undefined;
if (!SKIP_SPECTRAL) {
  const bin = join(root, 'node_modules/@stoplight/spectral-cli/dist/index.js');
  spectral = await timed(process.execPath, [
    bin,
    'lint',
    `${sample}/*.yaml`,
    '--ruleset',
    'bench/.spectral.yaml',
    '--format',
    'json',
    '--quiet',
  ]);
  let findings = 'unparsed output';
  try {
    findings = `${(JSON.parse(spectral.stdout) as unknown[]).length} findings`;
  } catch {}
  console.log(
    `spectral lint (CLI, shared rules, ${SPECTRAL_ENTRIES} files): ${spectral.ms.toFixed(0)} ms, peak RSS ${spectral.maxRssMb.toFixed(0)} MB, exit ${spectral.code}, ${findings}`,
  );
}
console.log(
  `unsilo findings: ${unsiloFindings.errors} errors, ${unsiloFindings.warnings} warnings (all ${ruleCount} rules, whole-workspace rules included)`,
);
if (!args.includes('--keep')) {
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}-sample`, { recursive: true, force: true });
}

const figures: Array<{
  name: string;
  value: number;
  unit: string;
  baseline: string;
  ratio: number | null;
  target: string;
}> = [
  {
    name: `lint ${ENTRIES} entries, engine wall time (read + parse + all ${ruleCount} rules, workspace rules included)`,
    value: Math.round(engine.totalMs),
    unit: 'ms',
    baseline: '2000 ms target',
    ratio: r3(engine.totalMs / 2000),
    target: '≤ 1',
  },
  {
    name: `lint ${ENTRIES} entries, engine CPU time (wall time on an idle machine)`,
    value: Math.round(engine.cpuMs),
    unit: 'ms',
    baseline: '2000 ms target',
    ratio: r3(engine.cpuMs / 2000),
    target: '≤ 1',
  },
  {
    name: `lint ${ENTRIES} entries, engine peak RSS`,
    value: Math.round(engine.maxRssMb),
    unit: 'MB',
    baseline: '512 MB budget',
    ratio: r3(engine.maxRssMb / 512),
    target: '≤ 1',
  },
];
if (spectral) {
  figures.push(
    {
      name: `speed-up of unsilo lint over Spectral on the shared rules, CLI to CLI, same ${SPECTRAL_ENTRIES} files`,
      value: r3(spectral.ms / unsiloCli.ms),
      unit: 'x',
      baseline: `spectral ${Math.round(spectral.ms)} ms vs unsilo ${Math.round(unsiloCli.ms)} ms`,
      ratio: r3(spectral.ms / unsiloCli.ms),
      target: '≥ 5',
    },
    {
      name: `peak RSS of unsilo lint vs Spectral, same ${SPECTRAL_ENTRIES} files`,
      value: Math.round(unsiloCli.maxRssMb),
      unit: 'MB',
      baseline: `spectral ${Math.round(spectral.maxRssMb)} MB`,
      ratio: r3(unsiloCli.maxRssMb / spectral.maxRssMb),
      target: '≤ 1',
    },
  );
}
console.log(
  `median of ${workerRuns.length} engine runs: ${median(workerRuns.map((r) => r.totalMs)).toFixed(0)} ms`,
);
console.log(JSON.stringify({ area: 'lint', figures }));
