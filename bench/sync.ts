// End-to-end sync throughput: a GBK CSV of BENCH_ROWS rows (default 1,000,000) pushed by `unsilo sync` into a
// sandbox exchange over loopback. The sandbox runs in its own child process (file-backed SQLite, as a
// department would run it); `unsilo sync` runs in another, whose peak RSS is read from /proc while it runs.
// Baseline, measured in the same run: the mapping alone (read + decode + map every row of the same file, no
// network) in a third process. The ratio says how much of the mapping's speed survives the trip to the
// exchange. Then 1 vs 2 shards: the same file synced by two `unsilo sync --shard i/2` workers at once into a
// fresh exchange, its wall time against the unsharded run's (both as process wall time, so startup counts alike).
//
//   node --conditions=source --import tsx bench/sync.ts          (BENCH_ROWS=200000 for a shorter run)
//   BENCH_CHILD_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof' …    (node flags for the children, e.g. to profile them)
//   BENCH_SYNC_ARGS='--concurrency 2' …                          (extra options for `unsilo sync`)
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFromSources, sandboxServer } from './support/bundle';

const root = fileURLToPath(new URL('..', import.meta.url));
const example = join(root, 'examples/minzheng-population');
const mappingFile = join(example, 'population.mapping.yaml');
const RESOURCE = '307002010101/000001';
const credentials = { clientId: 'minzheng-demo', clientSecret: 'minzheng-demo-secret-8b4d0c3f' };
const childFlags = (process.env.BENCH_CHILD_FLAGS ?? '').split(' ').filter(Boolean);

const role = process.argv[2];
if (role === '--map-only') await mapOnlyChild(process.argv[3]!, process.argv[4]!);
else await main();

/** Child: read and map every row of the file, nothing sent; prints rows/s and peak RSS. */
async function mapOnlyChild(input: string, entryFile: string) {
  const { compileMapping, parseMapping } = await import('@unsilo/sdk/mapping');
  const { readSource, isReject } = await import('@unsilo/sdk/sources');
  const parsed = parseMapping(await readFile(mappingFile, 'utf8'));
  const entry = JSON.parse(await readFile(entryFile, 'utf8'));
  const compiled = compileMapping(parsed.mapping!, entry).compiled!;
  const started = performance.now();
  let rows = 0;
  let rejected = 0;
  for await (const item of readSource(input, 'csv', { encoding: 'gbk' })) {
    rows += 1;
    if (isReject(item) || compiled.mapRow(item.values, item.row).errors) rejected += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${JSON.stringify({ rows, rejected, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6 })}\n`,
  );
}

async function main() {
  const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
  const dir = await mkdtemp(join(tmpdir(), 'unsilo-bench-sync-'));
  const children: ChildProcess[] = [];
  try {
    const { writePopulationCsv } = await import('../examples/minzheng-population/generate-data');
    const input = join(dir, 'population.csv');
    let t = performance.now();
    await writePopulationCsv(input, rows);
    console.log(
      `generated ${rows.toLocaleString('en')} rows of GBK CSV in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const { sandbox, url, client } = await publishedExchange(join(dir, 'exchange.db'), children);
    const entry = (await client.catalog.get(RESOURCE)).data.entry;
    await writeFile(join(dir, 'entry.json'), JSON.stringify(entry));

    const mapOnly = spawnChild(['--map-only', input, join(dir, 'entry.json')]);
    const mapped = JSON.parse(await mapOnly.firstLine) as {
      rows: number;
      seconds: number;
      peakRssMb: number;
      cpuSeconds: number;
    };
    await mapOnly.exit;
    const mapRate = mapped.rows / mapped.seconds;
    console.log(
      `mapping only: ${mapped.rows.toLocaleString('en')} rows in ${mapped.seconds.toFixed(1)} s = ${Math.round(mapRate).toLocaleString('en')} rows/s, peak RSS ${mapped.peakRssMb.toFixed(0)} MB`,
    );

    const launcher = await cliLauncher();
    t = performance.now();
    const cli = spawn(
      process.execPath,
      [
        ...childFlags,
        ...launcher,
        'sync',
        '-m',
        mappingFile,
        '-i',
        input,
        '--format',
        'json',
        ...(process.env.BENCH_SYNC_ARGS ?? '').split(' ').filter(Boolean),
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          UNSILO_EXCHANGE_URL: url,
          UNSILO_CLIENT_ID: credentials.clientId,
          UNSILO_CLIENT_SECRET: credentials.clientSecret,
        },
        stdio: ['ignore', 'pipe', process.env.BENCH_DEBUG ? 'inherit' : 'ignore'],
      },
    );
    children.push(cli);
    let peakKb = 0;
    // CPU seconds of each side, so that a figure taken on a busy machine still says where the time went.
    const cpu = { sync: 0, sandbox: 0 };
    const sandboxCpuBefore = await cpuSeconds(sandbox.child.pid!);
    const poll = setInterval(() => {
      void cpuSeconds(cli.pid!).then((s) => {
        if (s > 0) cpu.sync = s;
      });
      void cpuSeconds(sandbox.child.pid!).then((s) => {
        if (s > 0) cpu.sandbox = s - sandboxCpuBefore;
      });
      readFile(`/proc/${cli.pid}/status`, 'utf8').then(
        (status) => {
          const hwm = /VmHWM:\s+(\d+)/.exec(status);
          if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
        },
        () => {},
      );
    }, 100);
    let out = '';
    cli.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    const code = await new Promise<number | null>((resolve) => cli.on('close', resolve));
    clearInterval(poll);
    const seconds = (performance.now() - t) / 1000;
    if (code !== 0) throw new Error(`unsilo sync exited ${code}: ${out}`);
    const summary = JSON.parse(out.trim().split('\n').at(-1)!) as {
      read: number;
      accepted: number;
      durationMs: number;
    };
    if (summary.accepted !== rows) throw new Error(`accepted ${summary.accepted} of ${rows}`);
    const syncRate = rows / (summary.durationMs / 1000);
    const peakMb = peakKb / 1024;
    console.log(
      `CPU time: unsilo sync ${cpu.sync.toFixed(1)} s, sandbox ${cpu.sandbox.toFixed(1)} s, mapping only ${mapped.cpuSeconds.toFixed(1)} s (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`,
    );
    console.log(
      `unsilo sync: ${rows.toLocaleString('en')} rows accepted in ${(summary.durationMs / 1000).toFixed(1)} s (process ${seconds.toFixed(1)} s) = ${Math.round(syncRate).toLocaleString('en')} rows/s end to end, peak RSS ${peakMb.toFixed(0)} MB`,
    );

    // 1 vs 2 shards, side by side: the same file into a fresh exchange of its own by two workers at once.
    const shards = await twoShards(dir, input, launcher, children);
    if (shards.accepted !== rows) throw new Error(`2 shards accepted ${shards.accepted} of ${rows}`);
    const shardRate = rows / shards.seconds;
    console.log(
      `1 vs 2 shards, ${rows.toLocaleString('en')} rows (process wall time): 1 worker ${seconds.toFixed(1)} s = ${Math.round(rows / seconds).toLocaleString('en')} rows/s | 2 workers at once ${shards.seconds.toFixed(1)} s = ${Math.round(shardRate).toLocaleString('en')} rows/s (${shards.perWorker.map((w) => `shard ${w.shard}: ${w.accepted.toLocaleString('en')} sent, ${w.outOfShard.toLocaleString('en')} skipped, ${w.seconds.toFixed(1)} s`).join('; ')}); CPU: workers ${shards.cpu.workers.toFixed(1)} s, sandbox ${shards.cpu.sandbox.toFixed(1)} s on ${cpus().length} cores`,
    );

    const scale = rows / 1_000_000;
    console.log(
      JSON.stringify({
        area: 'sync',
        figures: [
          {
            name: `sync ${rows.toLocaleString('en')} rows CSV → sandbox, rows/s`,
            value: Math.round(syncRate),
            unit: 'rows/s',
            baseline: `mapping only ${Math.round(mapRate)} rows/s`,
            ratio: Number((syncRate / mapRate).toFixed(3)),
            target: `≥ 25000 rows/s (1,000,000 rows ≤ 40 s)`,
          },
          {
            name: `sync ${rows.toLocaleString('en')} rows wall time`,
            value: Number((summary.durationMs / 1000).toFixed(1)),
            unit: 's',
            baseline: `mapping only ${mapped.seconds.toFixed(1)} s`,
            ratio: Number((summary.durationMs / 1000 / mapped.seconds).toFixed(3)),
            target: `≤ ${(40 * scale).toFixed(0)} s`,
          },
          {
            name: `sync CPU time per 1,000,000 rows (client + sandbox)`,
            value: Number((((cpu.sync + cpu.sandbox) / rows) * 1_000_000).toFixed(1)),
            unit: 'CPU s',
            baseline: `mapping only ${((mapped.cpuSeconds / rows) * 1_000_000).toFixed(1)} CPU s`,
            ratio: Number(((cpu.sync + cpu.sandbox) / mapped.cpuSeconds).toFixed(3)),
            target: 'report',
          },
          {
            name: `sync ${rows.toLocaleString('en')} rows, 2 shards at once, wall time`,
            value: Number(shards.seconds.toFixed(1)),
            unit: 's',
            baseline: `1 worker (unsharded) ${seconds.toFixed(1)} s`,
            ratio: Number((shards.seconds / seconds).toFixed(3)),
            target: 'report',
          },
          {
            name: 'sync process peak RSS',
            value: Math.round(peakMb),
            unit: 'MB',
            baseline: `mapping only ${mapped.peakRssMb.toFixed(0)} MB`,
            ratio: Number((peakMb / mapped.peakRssMb).toFixed(3)),
            target: '≤ 250 MB',
          },
        ],
      }),
    );
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    await rm(dir, { recursive: true, force: true });
  }
}

/** A sandbox exchange on `dataFile` in a child process, with the example's catalogue entry published. */
async function publishedExchange(dataFile: string, children: ChildProcess[]) {
  const sandbox = spawnChild([dataFile], await sandboxServer());
  children.push(sandbox.child);
  const { url } = JSON.parse(await sandbox.firstLine) as { url: string };
  const { createExchangeClient } = await import('@unsilo/sdk');
  const { publishCatalog } = await import('@unsilo/sdk/publish');
  const client = createExchangeClient({
    baseUrl: url,
    auth: { type: 'clientCredentials', ...credentials },
  });
  await publishCatalog({ dir: join(example, 'catalog'), client });
  return { sandbox, url, client };
}

/**
 * `unsilo sync --shard 1/2` and `--shard 2/2` started together, as two workers on two machines would be, into a
 * fresh exchange: the wall time from their start to the end of the last, and what each sent and skipped. Each
 * worker reads and maps the whole file (a row's shard is the hash of its mapped key) and sends its half.
 */
async function twoShards(dir: string, input: string, launcher: string[], children: ChildProcess[]) {
  const { sandbox, url } = await publishedExchange(join(dir, 'exchange-shards.db'), children);
  const sandboxCpuBefore = await cpuSeconds(sandbox.child.pid!);
  const started = performance.now();
  const workers = [1, 2].map((shard) => {
    const args = ['--shard', `${shard}/2`, '--checkpoint', join(dir, `shard-${shard}.json`)];
    return shardWorker(shard, launcher, url, input, args, started, children);
  });
  const cpu = { workers: 0, sandbox: 0 };
  const poll = setInterval(() => {
    void Promise.all(workers.map((w) => cpuSeconds(w.pid))).then((all) => {
      const total = all.reduce((a, b) => a + b, 0);
      if (all.every((s) => s > 0)) cpu.workers = total;
    });
    void cpuSeconds(sandbox.child.pid!).then((s) => {
      if (s > 0) cpu.sandbox = s - sandboxCpuBefore;
    });
  }, 100);
  const perWorker = await Promise.all(workers.map((w) => w.done));
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  const accepted = perWorker.reduce((total, w) => total + w.accepted, 0);
  return { seconds, accepted, perWorker, cpu };
}

/** One `unsilo sync` worker of a sharded run: its pid, and its figures once it exits. */
function shardWorker(
  shard: number,
  launcher: string[],
  url: string,
  input: string,
  args: string[],
  started: number,
  children: ChildProcess[],
) {
  const cli = spawn(
    process.execPath,
    [...childFlags, ...launcher, 'sync', '-m', mappingFile, '-i', input, '--format', 'json', ...args],
    {
      cwd: root,
      env: {
        ...process.env,
        UNSILO_EXCHANGE_URL: url,
        UNSILO_CLIENT_ID: credentials.clientId,
        UNSILO_CLIENT_SECRET: credentials.clientSecret,
      },
      stdio: ['ignore', 'pipe', process.env.BENCH_DEBUG ? 'inherit' : 'ignore'],
    },
  );
  children.push(cli);
  let out = '';
  cli.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  const done = new Promise<number | null>((resolve) => cli.on('close', resolve)).then((code) => {
    if (code !== 0) throw new Error(`unsilo sync --shard ${shard}/2 exited ${code}: ${out}`);
    const summary = JSON.parse(out.trim().split('\n').at(-1)!) as { accepted: number; outOfShard: number };
    const seconds = (performance.now() - started) / 1000;
    return { shard, accepted: summary.accepted, outOfShard: summary.outOfShard, seconds };
  });
  return { pid: cli.pid!, done };
}

/** This file in a child process under tsx (`--map-only`), or a bundled script when one is given. */
function spawnChild(args: string[], bundle?: string) {
  const script = bundle
    ? [bundle]
    : ['--conditions=source', '--import', 'tsx', fileURLToPath(import.meta.url)];
  const child = spawn(process.execPath, [...childFlags, ...script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      buffer += d;
      const at = buffer.indexOf('\n');
      if (at >= 0) resolve(buffer.slice(0, at));
    });
    child.on('close', (code) => reject(new Error(`child ${args[0]} exited ${code}`)));
  });
  const exit = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return { child, firstLine, exit };
}

/** User + system CPU seconds of a live process, from /proc (0 when it is gone). */
async function cpuSeconds(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * The CLI as users run it: its code and the workspace packages bundled from the sources of this checkout (never
 * a stale build), its npm dependencies loaded from node_modules as the built package loads them. Running from
 * sources through tsx would add the loader's own thread and caches to the measured memory.
 */
async function cliLauncher(): Promise<string[]> {
  const bundle = await bundleFromSources('packages/cli/src/bin.ts', 'packages/cli', 'sync-cli');
  if (spawnSync(process.execPath, [bundle, 'sync', '--help']).status !== 0) {
    throw new Error(`the bundled CLI does not start: node ${bundle} sync --help`);
  }
  console.log('running the CLI bundled from sources (packages/cli/.bench/sync-cli.mjs)');
  return [bundle];
}
