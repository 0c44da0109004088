// Client overhead per request: the SDK client against a bare `fetch` to the same local node:http server
// (same payload, same headers). Wall time and CPU time of this process are both measured: on a shared
// machine wall time carries other processes' noise, CPU time is the client's own cost. Variants are
// interleaved round by round so that noise hits them alike; each figure is the median of the rounds.
//
//   node --conditions=source --import tsx bench/client.ts [rounds] [requestsPerRound]

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createExchangeClient } from '@unsilo/sdk';
import ky from 'ky';

// Many short rounds rather than a few long ones: with ratios paired per round, a burst of load from
// another process spoils one round, not the figure.
const rounds = Number(process.argv[2] ?? 11);
const perRound = Number(process.argv[3] ?? 1000);
const warmUp = 500;
const code = '307001030801/000012';

// The payload is the contract's own example of a catalogue resource, so validation has real work to do.
const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@unsilo/spec/openapi.json'), 'utf8'),
) as {
  paths: Record<string, { get: { responses: Record<string, unknown> } }>;
  components: Record<string, Record<string, unknown>>;
};
function resolve(node: unknown): Record<string, unknown> {
  let current = node as Record<string, unknown>;
  while (typeof current.$ref === 'string') {
    current = (current.$ref as string)
      .slice(2)
      .split('/')
      .reduce<unknown>((n, key) => (n as Record<string, unknown>)[key], spec) as Record<string, unknown>;
  }
  return current;
}
const ok = resolve(spec.paths['/v1/catalog/resources/{code}']?.get.responses['200']);
const media = (ok.content as Record<string, Record<string, unknown>>)['application/json'] ?? {};
const example =
  media.example ??
  (Object.values((media.examples ?? {}) as Record<string, unknown>).map(
    (e) => resolve(e).value,
  )[0] as unknown);
if (example === undefined) throw new Error('the spec has no example for getResource');
const payload = JSON.stringify(example);
const etag = (example as { etag?: string }).etag ?? 'W/"1"';

// The server is a separate process, so the client process's CPU time is the client's alone.
const serverSource = `
const http = require('node:http');
const { payload, etag } = JSON.parse(process.argv[1]);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.url === '/v1/oauth/token') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'bench-token', token_type: 'Bearer', expires_in: 3600 }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', etag, 'x-request-id': req.headers['x-request-id'] || 'srv' });
    res.end(payload);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;
const server = spawn(process.execPath, ['-e', serverSource, JSON.stringify({ payload, etag })], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((done) =>
  server.stdout.once('data', (line) => done(Number(String(line)))),
);
const baseUrl = `http://127.0.0.1:${port}`;
const url = `${baseUrl}/v1/catalog/resources/${encodeURIComponent(code)}`;

const auth = { type: 'clientCredentials', clientId: 'bench', clientSecret: 'bench-secret' } as const;
const production = createExchangeClient({ baseUrl, auth, validateResponses: false });
const validating = createExchangeClient({ baseUrl, auth, validateResponses: true });
const headers = () => ({
  accept: 'application/json, application/problem+json',
  authorization: 'Bearer bench-token',
  'x-request-id': crypto.randomUUID(),
});
// ky with the same retry and timeout settings: the reference for why the client talks to fetch itself.
const kyClient = ky.create({ retry: { limit: 2 }, timeout: 30_000 });

const variants: Record<string, () => Promise<unknown>> = {
  'bare fetch': async () => {
    const response = await fetch(url, { headers: headers() });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return { data: await response.json(), etag: response.headers.get('etag') };
  },
  'client, validation off': () => production.catalog.get(code),
  'client, validation on': () => validating.catalog.get(code),
  'ky (reference)': async () => {
    const response = await kyClient(url, { headers: headers() });
    return { data: await response.json(), etag: response.headers.get('etag') };
  },
};

interface Sample {
  wall: number;
  cpu: number;
}

async function run(variant: () => Promise<unknown>, count: number): Promise<Sample> {
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

for (const variant of Object.values(variants)) await run(variant, warmUp);
const names = Object.keys(variants);
const samples: Record<string, Sample[]> = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < rounds; round += 1) {
  // Rotate the order each round so no variant always runs first (or last) in a round.
  for (let i = 0; i < names.length; i += 1) {
    const name = names[(round + i) % names.length] as string;
    samples[name]?.push(await run(variants[name] as () => Promise<unknown>, perRound));
  }
}
server.kill();

// Ratios are paired per round (each variant against the bare fetch of the same round, under the same
// load), then the median is taken: steadier than a ratio of medians on a machine shared with others.
const pairedRatio = (name: string, of: keyof Sample) =>
  median(
    (samples[name] ?? []).map(
      (sample, round) => sample[of] / (samples['bare fetch']?.[round]?.[of] ?? Number.NaN),
    ),
  );
const medianOf = (name: string, of: keyof Sample) =>
  median((samples[name] ?? []).map((sample) => sample[of]));
console.log(
  `getResource, payload ${payload.length} bytes, ${rounds} rounds × ${perRound} sequential requests; medians, ratios paired per round`,
);
console.log(
  `${''.padEnd(24)} ${'wall µs/req'.padStart(12)} ${'ratio'.padStart(6)} ${'cpu µs/req'.padStart(12)} ${'ratio'.padStart(6)}`,
);
const figures = [];
for (const name of names) {
  const wall = medianOf(name, 'wall');
  const cpu = medianOf(name, 'cpu');
  const wallRatio = pairedRatio(name, 'wall');
  const cpuRatio = pairedRatio(name, 'cpu');
  console.log(
    `${name.padEnd(24)} ${wall.toFixed(1).padStart(12)} ${wallRatio.toFixed(2).padStart(6)} ${cpu
      .toFixed(1)
      .padStart(12)} ${cpuRatio.toFixed(2).padStart(6)}`,
  );
  if (name === 'bare fetch') continue;
  const target = name === 'client, validation off' ? '≤ 1.3×' : 'report';
  figures.push(
    {
      name: `${name}, wall time per request`,
      value: Number(wall.toFixed(1)),
      unit: 'µs/req',
      baseline: `bare fetch ${medianOf('bare fetch', 'wall').toFixed(1)} µs/req`,
      ratio: Number(wallRatio.toFixed(3)),
      target,
    },
    {
      name: `${name}, CPU time per request`,
      value: Number(cpu.toFixed(1)),
      unit: 'µs/req',
      baseline: `bare fetch ${medianOf('bare fetch', 'cpu').toFixed(1)} µs/req`,
      ratio: Number(cpuRatio.toFixed(3)),
      target,
    },
  );
}
console.log(JSON.stringify({ area: 'client', figures }));
