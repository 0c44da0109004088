// Client overhead per request, side by side in one run: a bare `fetch`, raw ky 1.14 (the SDK's own ky, with
// the same retry and timeout settings) and the SDK client, against the same local node:http server, on two
// scenarios: a small GET (getResource, the contract's example) and a 1,000-record batch upsert, where a
// department's time goes. Wall time and CPU time of this process are both measured: on a shared machine wall
// time carries other processes' noise, CPU time is the client's own cost (the server is another process).
// Variants are interleaved round by round so that noise hits them alike; each figure is the median of the
// rounds, each ratio the median of per-round ratios.
//
//   node --conditions=source --import tsx bench/client.ts [rounds] [requestsPerRound]
//
// Budget: the SDK ≤ 1.15× raw ky's CPU on the small GET; ≤ 1.05× bare fetch's CPU on the batch upsert.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createExchangeClient } from '@unsilo/sdk';

// Many short rounds rather than a few long ones: with ratios paired per round, a burst of load from
// another process spoils one round, not the figure.
const rounds = Number(process.argv[2] ?? 11);
const perRound = Number(process.argv[3] ?? 1000);
// A batch costs ~6 small GETs: fewer of them per round keeps the rounds alike in length.
const batchesPerRound = Math.max(5, Math.round(perRound / 20));
const code = '307001030801/000012';

// The ky the SDK depends on (1.14), not whatever a hoisted node_modules/ky happens to be.
const kyEntry = createRequire(import.meta.resolve('@unsilo/sdk')).resolve('ky');
const { default: ky } = (await import(pathToFileURL(kyEntry).href)) as typeof import('ky');
// ky exports no ./package.json: its entry is distribution/index.js.
const kyVersion = (
  JSON.parse(readFileSync(join(dirname(kyEntry), '..', 'package.json'), 'utf8')) as { version: string }
).version;

type Json = Record<string, unknown>;
const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@unsilo/spec/openapi.json'), 'utf8'),
) as Json;

/** The contract's example of a component (`#/components/examples/<name>`). */
function componentExample(name: string): Json {
  const examples = (spec.components as Json).examples as Record<string, { value: Json }>;
  const example = examples[name]?.value;
  if (!example) throw new Error(`the spec has no example ${name}`);
  return example;
}

// The small GET's payload is the contract's own example of a catalogue resource, so validation has real work.
function resourceExample(): Json {
  const paths = spec.paths as Record<string, { get: { responses: Record<string, Json> } }>;
  let node: Json = paths['/v1/catalog/resources/{code}']?.get.responses['200'] ?? {};
  for (let depth = 0; typeof node.$ref === 'string' && depth < 10; depth += 1) {
    const keys = (node.$ref as string).slice(2).split('/');
    node = keys.reduce<Json>((at, key) => at[key] as Json, spec);
  }
  const media = (node.content as Record<string, Json>)['application/json'] ?? {};
  const first = Object.values((media.examples ?? {}) as Record<string, Json>)[0];
  const example = (media.example ??
    (first?.$ref ? componentExample(String(first.$ref).split('/').pop() as string) : first?.value)) as
    | Json
    | undefined;
  if (!example) throw new Error('the spec has no example for getResource');
  return example;
}

const resource = resourceExample();
const payload = JSON.stringify(resource);
const etag = (resource as { etag?: string }).etag ?? 'W/"1"';

// The batch: 1,000 upserts shaped like the contract's BatchRequest example, and a BatchResult for them.
const [template] = (componentExample('BatchRequest').upsert as Json[]) ?? [{}];
const batch = {
  upsert: Array.from({ length: 1000 }, (_, i) => ({
    ...template,
    gmsfhm: `1101051949123${String(i).padStart(5, '0')}`,
  })),
};
const resultExample = componentExample('BatchResult');
const batchResult = JSON.stringify({
  ...resultExample,
  accepted: 1000,
  rejected: 0,
  results: batch.upsert.map((_, index) => ({ index, op: 'upsert', status: 'accepted' })),
});

// The server is a separate process, so the client process's CPU time is the client's alone.
const serverSource = `
const http = require('node:http');
const { payload, etag, batchResult } = JSON.parse(process.argv[1]);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.url === '/v1/oauth/token') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'bench-token', token_type: 'Bearer', expires_in: 3600 }));
      return;
    }
    const batch = req.method === 'POST';
    res.writeHead(200, { 'content-type': 'application/json', ...(batch ? {} : { etag }), 'x-request-id': req.headers['x-request-id'] || 'srv' });
    res.end(batch ? batchResult : payload);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;
const server = spawn(process.execPath, ['-e', serverSource, JSON.stringify({ payload, etag, batchResult })], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((done) =>
  server.stdout.once('data', (line) => done(Number(String(line)))),
);
const baseUrl = `http://127.0.0.1:${port}`;
const getUrl = `${baseUrl}/v1/catalog/resources/${encodeURIComponent(code)}`;
const batchUrl = `${getUrl}/records/batch`;

const auth = { type: 'clientCredentials', clientId: 'bench', clientSecret: 'bench-secret' } as const;
const production = createExchangeClient({ baseUrl, auth, validateResponses: false });
const validating = createExchangeClient({ baseUrl, auth, validateResponses: true });
const headers = (extra: Record<string, string> = {}) => ({
  accept: 'application/json, application/problem+json',
  authorization: 'Bearer bench-token',
  'x-request-id': crypto.randomUUID(),
  ...extra,
});
const jsonPost = () =>
  headers({ 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() });
// Raw ky as the client's default profile sets it up: 2 retries, 30 s timeout.
const kyClient = ky.create({ retry: { limit: 2 }, timeout: 30_000 });

type Variant = () => Promise<unknown>;
const scenarios: Record<string, { count: number; variants: Record<string, Variant> }> = {
  'small GET': {
    count: perRound,
    variants: {
      'bare fetch': async () => {
        const response = await fetch(getUrl, { headers: headers() });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return { data: await response.json(), etag: response.headers.get('etag') };
      },
      'raw ky': async () => {
        const response = await kyClient(getUrl, { headers: headers() });
        return { data: await response.json(), etag: response.headers.get('etag') };
      },
      'SDK, validation off': () => production.catalog.get(code),
      'SDK, validation on': () => validating.catalog.get(code),
    },
  },
  'batch upsert, 1,000 records': {
    count: batchesPerRound,
    variants: {
      'bare fetch': async () => {
        const response = await fetch(batchUrl, {
          method: 'POST',
          headers: jsonPost(),
          body: JSON.stringify(batch),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      },
      'raw ky': async () => {
        const retry = { limit: 2, methods: ['post' as const] };
        return kyClient.post(batchUrl, { headers: jsonPost(), body: JSON.stringify(batch), retry }).json();
      },
      'SDK, validation off': () => production.records.batch(code, batch),
    },
  },
};

interface Sample {
  wall: number;
  cpu: number;
}

async function run(variant: Variant, count: number): Promise<Sample> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < count; i += 1) await variant();
  const wall = ((performance.now() - started) * 1000) / count;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall, cpu: (cpu.user + cpu.system) / count };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Samples per scenario and variant, the variants rotated each round so none always runs first. */
async function measure(): Promise<Record<string, Record<string, Sample[]>>> {
  const samples: Record<string, Record<string, Sample[]>> = {};
  for (const [scenario, { count, variants }] of Object.entries(scenarios)) {
    samples[scenario] = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
    for (const variant of Object.values(variants)) await run(variant, Math.max(50, count / 2));
  }
  for (let round = 0; round < rounds; round += 1) {
    for (const [scenario, { count, variants }] of Object.entries(scenarios)) {
      const names = Object.keys(variants);
      for (let i = 0; i < names.length; i += 1) {
        const name = names[(round + i) % names.length] as string;
        samples[scenario]?.[name]?.push(await run(variants[name] as Variant, count));
      }
    }
  }
  return samples;
}

const samples = await measure();
server.kill();

const of = (scenario: string, name: string) => samples[scenario]?.[name] ?? [];
const medianOf = (scenario: string, name: string, field: keyof Sample) =>
  median(of(scenario, name).map((sample) => sample[field]));
// Paired per round: each variant against the baseline of the same round, under the same load.
const pairedRatio = (scenario: string, name: string, baseline: string, field: keyof Sample) =>
  median(
    of(scenario, name).map(
      (sample, round) => sample[field] / (of(scenario, baseline)[round]?.[field] ?? Number.NaN),
    ),
  );

const budgets: Record<string, { variant: string; baseline: string; target: string }> = {
  'small GET': { variant: 'SDK, validation off', baseline: 'raw ky', target: '≤ 1.15×' },
  'batch upsert, 1,000 records': {
    variant: 'SDK, validation off',
    baseline: 'bare fetch',
    target: '≤ 1.05×',
  },
};

console.log(
  `ky ${kyVersion}; ${rounds} rounds × ${perRound} GETs (payload ${payload.length} bytes) and × ${batchesPerRound} batches (body ${JSON.stringify(batch).length} bytes, answer ${batchResult.length} bytes); medians, ratios paired per round`,
);
const figures = [];
for (const [scenario, { variants }] of Object.entries(scenarios)) {
  console.log(`\n${scenario}`);
  console.log(
    `${''.padEnd(22)} ${'wall µs/req'.padStart(12)} ${'÷fetch'.padStart(7)} ${'cpu µs/req'.padStart(12)} ${'÷fetch'.padStart(7)} ${'÷ky'.padStart(6)}`,
  );
  for (const name of Object.keys(variants)) {
    const cells = [
      medianOf(scenario, name, 'wall').toFixed(1).padStart(12),
      pairedRatio(scenario, name, 'bare fetch', 'wall').toFixed(2).padStart(7),
      medianOf(scenario, name, 'cpu').toFixed(1).padStart(12),
      pairedRatio(scenario, name, 'bare fetch', 'cpu').toFixed(2).padStart(7),
      pairedRatio(scenario, name, 'raw ky', 'cpu').toFixed(2).padStart(6),
    ];
    console.log(`${name.padEnd(22)} ${cells.join(' ')}`);
  }
  const budget = budgets[scenario];
  if (!budget) continue;
  for (const field of ['cpu', 'wall'] as const) {
    figures.push({
      name: `${scenario}: SDK ${field === 'cpu' ? 'CPU' : 'wall'} time per request`,
      value: Number(medianOf(scenario, budget.variant, field).toFixed(1)),
      unit: 'µs/req',
      baseline: `${budget.baseline} ${medianOf(scenario, budget.baseline, field).toFixed(1)} µs/req`,
      ratio: Number(pairedRatio(scenario, budget.variant, budget.baseline, field).toFixed(3)),
      target: field === 'cpu' ? budget.target : 'report',
    });
  }
}
console.log(JSON.stringify({ area: 'client', figures }));
