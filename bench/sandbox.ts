// Benchmark of the sandbox exchange over loopback, each figure a ratio against a bare Node HTTP server that answers
// the same payload from memory, measured in the same run:
//  1. batch upsert throughput with 1,000-record batches (records/s), durable (data file, synchronous=FULL),
//     over 200 batches (BENCH_BATCHES), so that the key index's sorted group writes are part of the figure;
//  2. p50/p99 latency of a catalogue read (getResource) under 50 concurrent clients;
//  3. the p50 of one client's catalogue list while 16 password guessers hammer the token endpoint, against its p50
//     with nobody guessing, with the default login throttle and with throttling raised out of the way.
// The servers run in child processes (the sandbox bundled from sources; the baseline is this file with --serve),
// the load generator here.
// Run: node --conditions=source --import tsx bench/sandbox.ts
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresBinDir } from '../test/helpers/postgres';
import { publishBenchEntry } from './support/bench-entry';
import { sandboxServer } from './support/bundle';
import { createSender } from './support/http';
import { type GuessingLatency, measureGuessing } from './support/login-guessing';
import { measurePostgres, postgresFigures } from './support/postgres-figures';
import { measureRetention, type RetentionFigures } from './support/retention-figures';
import { BATCH, benchRecords, upsertThroughput } from './support/upserts';

const self = fileURLToPath(import.meta.url);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 200);
const IN_FLIGHT = 2;
const READERS = 50;
const READS = 6000;

async function serve(
  kind: 'sandbox' | 'bare',
  arg: string,
  options: Record<string, unknown> = {},
  env: Record<string, string> = {},
): Promise<{ url: string; child: ChildProcess }> {
  // The sandbox runs bundled from the sources, as the built package runs; the baseline is this file.
  const script =
    kind === 'sandbox'
      ? [await sandboxServer(), arg, 'self-approve', JSON.stringify(options)]
      : ['--conditions=source', '--import', 'tsx', self, '--serve', kind, arg];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, script, {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n'))
        resolve({ url: (JSON.parse(out.split('\n')[0]!) as { url: string }).url, child });
    });
    child.on('exit', (code) => reject(new Error(`${kind} server exited ${code}`)));
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: READERS });

const send = createSender(agent);

async function readLatency(url: string, path: string, headers: Record<string, string>) {
  const latencies: number[] = [];
  let issued = 0;
  for (let i = 0; i < 200; i++) await send(url, 'GET', path, headers); // warm-up
  await Promise.all(
    Array.from({ length: READERS }, async () => {
      while (issued++ < READS) {
        const started = performance.now();
        const answer = await send(url, 'GET', path, headers);
        latencies.push(performance.now() - started);
        if (answer.status !== 200) throw new Error(`read: ${answer.status}`);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

/** Other clients' p50 under 16 password guessers, on a sandbox of its own started with `options`. */
async function guessingOn(dir: string, name: string, options: Record<string, unknown>) {
  const sandbox = await serve('sandbox', join(dir, `${name}.db`), options);
  try {
    return await measureGuessing(sandbox.url);
  } finally {
    sandbox.child.kill('SIGTERM');
  }
}

function guessingFigure(throttle: string, measured: GuessingLatency) {
  return {
    name: `other clients' p50 under 16 password guessers, ${throttle}`,
    value: Number(measured.guessed.toFixed(3)),
    unit: 'ms',
    baseline: `same sandbox, nobody guessing: ${measured.alone.toFixed(3)} ms`,
    ratio: Number((measured.guessed / measured.alone).toFixed(3)),
    target: '≤ 1.5×',
  };
}

/** Erasure and compaction on the filled resource, against a filtered query over it. */
function retentionFigures(measured: RetentionFigures, records: number) {
  const baseline = `records query with an equality filter over the same ${records.toLocaleString('en')} records: ${measured.filteredQueryMs.toFixed(1)} ms`;
  return [
    {
      name: `erase one data subject from a resource of ${records.toLocaleString('en')} records`,
      value: Number(measured.eraseMs.toFixed(1)),
      unit: 'ms',
      baseline,
      ratio: Number((measured.eraseMs / measured.filteredQueryMs).toFixed(3)),
      target: 'report',
    },
    {
      name: `compact a change feed of ${records.toLocaleString('en')} versions (nothing old enough to remove)`,
      value: Number(measured.compactMs.toFixed(1)),
      unit: 'ms',
      baseline,
      ratio: Number((measured.compactMs / measured.filteredQueryMs).toFixed(3)),
      target: 'report',
    },
  ];
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'unsilo-bench-sandbox-'));
  const children: ChildProcess[] = [];
  try {
    // A retention window of a day: nothing the benchmark writes is old enough to go, so compaction reads it all.
    const sandbox = await serve('sandbox', join(dir, 'sandbox.db'), { retentionDays: 1 });
    children.push(sandbox.child);
    const { auth, resourcePath, batchPath } = await publishBenchEntry(send, sandbox.url);

    // The payloads the baseline answers from memory are the sandbox's own answers.
    const sampleBatch = await send(
      sandbox.url,
      'POST',
      batchPath,
      { ...auth, 'content-type': 'application/json', 'idempotency-key': 'sample' },
      JSON.stringify({ upsert: benchRecords(9999) }),
    );
    const sampleResource = await send(sandbox.url, 'GET', resourcePath, auth);
    const bare = await serve(
      'bare',
      JSON.stringify({ batch: sampleBatch.text, resource: sampleResource.text }),
    );
    children.push(bare.child);

    const load = { batches: BATCHES, inFlight: IN_FLIGHT };
    const target = { path: batchPath, headers: auth, keyPrefix: 'bench' };
    const sandboxUpsert = await upsertThroughput(send, { ...target, urls: [sandbox.url] }, load, {
      pids: [sandbox.child.pid],
    });
    const bareUpsert = await upsertThroughput(send, { ...target, urls: [bare.url] }, load, {
      pids: [bare.child.pid],
    });
    const sandboxRate = sandboxUpsert.perSecond;
    const bareRate = bareUpsert.perSecond;
    const sandboxRead = await readLatency(sandbox.url, resourcePath, auth);
    const bareRead = await readLatency(bare.url, resourcePath, auth);
    const retention = await measureRetention(send, sandbox.url, resourcePath);
    const guessedDefault = await guessingOn(dir, 'guess-default', {});
    // Throttling out of the way: every guess is checked, so the figure shows scrypt off the event loop alone.
    const guessedRaised = await guessingOn(dir, 'guess-raised', {
      loginThrottle: { failuresPerClient: 1e9, failuresPerAddress: 1e9 },
      requestsPerMinute: 0,
    });
    // PostgreSQL: one instance, then two on one database (skipped where PostgreSQL is not installed).
    const onPostgres = postgresBinDir()
      ? await measurePostgres(send, (location, env) => serve('sandbox', location, {}, env), load)
      : undefined;

    console.log(
      `batch upsert, ${BATCHES} × ${BATCH} records, ${IN_FLIGHT} in flight, data file with synchronous=FULL`,
    );
    console.log(
      `  sandbox ${Math.round(sandboxRate).toLocaleString('en')} records/s; bare server ${Math.round(bareRate).toLocaleString('en')} records/s`,
    );
    console.log(
      `getResource, ${READS} reads by ${READERS} concurrent clients (${sampleResource.text.length} bytes)`,
    );
    console.log(`  sandbox p50 ${sandboxRead.p50.toFixed(2)} ms, p99 ${sandboxRead.p99.toFixed(2)} ms`);
    console.log(`  bare    p50 ${bareRead.p50.toFixed(2)} ms, p99 ${bareRead.p99.toFixed(2)} ms`);
    console.log('listResources p50 of one client while 16 guessers hammer the token endpoint');
    for (const [throttle, measured] of [
      ['default throttle', guessedDefault],
      ['throttle raised', guessedRaised],
    ] as const) {
      console.log(
        `  ${throttle}: ${measured.guessed.toFixed(2)} ms vs ${measured.alone.toFixed(2)} ms alone (${measured.checked} guesses checked, ${measured.throttled} throttled meanwhile)`,
      );
    }

    const figures = [
      {
        name: 'batch upsert throughput (1,000-record batches)',
        value: Math.round(sandboxRate),
        unit: 'records/s',
        baseline: `bare Node HTTP server parsing the body, answering from memory: ${Math.round(bareRate)} records/s`,
        ratio: Number((sandboxRate / bareRate).toFixed(3)),
        target: '≥ 50,000 records/s',
      },
      ...(sandboxUpsert.perCpuSecond && bareUpsert.perCpuSecond
        ? [
            {
              name: 'batch upsert records per server CPU-second (load-independent capacity)',
              value: Math.round(sandboxUpsert.perCpuSecond),
              unit: 'records/CPU-s',
              baseline: `bare Node HTTP server: ${Math.round(bareUpsert.perCpuSecond)} records/CPU-s`,
              ratio: Number((sandboxUpsert.perCpuSecond / bareUpsert.perCpuSecond).toFixed(3)),
              target: 'report',
            },
          ]
        : []),
      {
        name: 'catalogue read p50 latency, 50 concurrent clients',
        value: Number(sandboxRead.p50.toFixed(3)),
        unit: 'ms',
        baseline: `bare Node HTTP server, same payload from memory: ${bareRead.p50.toFixed(3)} ms`,
        ratio: Number((sandboxRead.p50 / bareRead.p50).toFixed(3)),
        target: 'report',
      },
      {
        name: 'catalogue read p99 latency, 50 concurrent clients',
        value: Number(sandboxRead.p99.toFixed(3)),
        unit: 'ms',
        baseline: `bare Node HTTP server, same payload from memory: ${bareRead.p99.toFixed(3)} ms`,
        ratio: Number((sandboxRead.p99 / bareRead.p99).toFixed(3)),
        target: 'report',
      },
      guessingFigure('default login throttle', guessedDefault),
      guessingFigure('login throttle raised (every guess checked)', guessedRaised),
    ];
    figures.push(...retentionFigures(retention, BATCHES * BATCH));
    if (onPostgres) figures.push(...postgresFigures(sandboxUpsert, onPostgres));
    else console.log('PostgreSQL not installed: its figures are left out (apt-get install postgresql)');
    console.log(JSON.stringify({ area: 'sandbox', figures }));
  } finally {
    agent.destroy();
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

// Either the baseline server child (--serve bare) or the load generator.
if (process.argv[2] === '--serve') {
  // The baseline: parse the body as any JSON server must, answer bytes held in memory.
  const answers = JSON.parse(process.argv[4]!) as { batch: string; resource: string };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const isBatch = req.method === 'POST';
      if (isBatch) JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(isBatch ? answers.batch : answers.resource);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}` })}\n`);
  });
} else {
  await main();
}
