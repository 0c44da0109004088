import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  demoSeedFile,
  type RunningSandbox,
  readSeedFile,
  type SandboxOptions,
  startSandbox,
} from '@unsilo/sandbox';
import type { ExchangeClient } from '@unsilo/sdk';
import type { CatalogEntry } from '@unsilo/sdk/schemas';
import { freshDatabaseUrl, testPostgresUrl } from '../../helpers/test-database';

/** The demo seed's departments and their credentials (the seed file is where secrets live). */
export const demoSeed = readSeedFile(demoSeedFile);

export type DemoDepartment = 'gongan' | 'minzheng' | 'renshe' | 'shichang' | 'dashuju' | 'vendor-demo';

export function credentialsOf(department: DemoDepartment): {
  clientId: string;
  clientSecret: string;
  code: string;
  name: string;
} {
  const found = demoSeed.departments.find((d) => d.id === department);
  if (!found) throw new Error(`no demo department ${department}`);
  return { ...found.clients[0]!, code: found.code, name: found.name };
}

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public ms = Date.now()) {}
  now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

/**
 * Where a test's exchange keeps its data: in memory (SQLite), or — in the `postgres` test project — a fresh
 * database of the run's PostgreSQL cluster, with a sealing key of its own (PostgreSQL takes it from configuration).
 */
export async function testStorage(): Promise<SandboxOptions> {
  const cluster = testPostgresUrl();
  if (!cluster) return { memory: true };
  return { databaseUrl: await freshDatabaseUrl(cluster), sealingKey: randomBytes(32) };
}

export async function startDemo(
  options: SandboxOptions = {},
): Promise<RunningSandbox & { clock: TestClock }> {
  const clock = new TestClock();
  const sandbox = await startSandbox({ ...(await testStorage()), now: clock.now, ...options });
  return Object.assign(sandbox, { clock });
}

/** A bearer token for a demo department, over real HTTP. */
export async function tokenFor(baseUrl: string, department: DemoDepartment): Promise<string> {
  const { clientId, clientSecret } = credentialsOf(department);
  const response = await fetch(`${baseUrl}/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }),
  });
  if (response.status !== 200)
    throw new Error(`token for ${department}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** HMAC headers computed here with node:crypto, independently of the SDK's Web Crypto signer. */
export function hmacHeaders(
  department: DemoDepartment,
  method: string,
  pathWithQuery: string,
  body: string,
  overrides: { timestamp?: number; nonce?: string; secret?: string } = {},
): Record<string, string> {
  const { clientId, clientSecret } = credentialsOf(department);
  const timestamp = String(overrides.timestamp ?? Date.now());
  const nonce = overrides.nonce ?? randomBytes(12).toString('base64url');
  const stringToSign = [
    clientId,
    timestamp,
    nonce,
    method,
    pathWithQuery,
    createHash('sha256').update(body).digest('hex'),
  ].join('\n');
  return {
    'x-client-id': clientId,
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-signature': createHmac('sha256', overrides.secret ?? clientSecret)
      .update(stringToSign)
      .digest('base64'),
  };
}

export type ShareType = 'unconditional' | 'conditional' | 'none';

/** A valid catalogue entry of a demo department (lint-clean), with a record key. */
export function entryFor(
  department: DemoDepartment,
  sequence: number,
  shareType: ShareType = 'unconditional',
): CatalogEntry {
  const { code: providerCode, name } = credentialsOf(department);
  const method = { class: 'platform', type: 'api' } as const;
  const share: CatalogEntry['share'] =
    shareType === 'none'
      ? { type: 'none', condition: '《中华人民共和国个人信息保护法》第二十八条' }
      : shareType === 'conditional'
        ? { type: 'conditional', condition: '仅用于户籍核验业务，须经提供方审批', method }
        : { type: 'unconditional', method };
  return {
    apiVersion: 'unsilo/v1',
    kind: 'InformationResource',
    code: `307001030801/${String(sequence).padStart(6, '0')}`,
    name: `${name}登记信息${sequence}`,
    provider: { name, code: providerCode },
    classification: { class: 'department', topic: '人口' },
    summary: `${name}在履职过程中登记的人员基本信息，按日更新。`,
    format: { class: 'database', type: 'oracle' },
    items: [
      { name: '编号', key: 'bh', type: 'C', length: 20 },
      { name: '姓名', key: 'xm', type: 'C', length: 50 },
      { name: '年龄', key: 'nl', type: 'N', length: 3 },
    ],
    key: ['bh'],
    share,
    open: { type: 'none' },
    updateCycle: 'daily',
    publishedAt: '2019-05-10',
  };
}

/**
 * Creates an entry and takes it through submit, register and publish as its provider (the sandbox must run with
 * selfApprove): records are pushed only to published resources. Returns the published resource's ETag.
 */
export async function publishEntry(client: ExchangeClient, entry: CatalogEntry): Promise<{ etag: string }> {
  const created = await client.catalog.create(entry);
  const submitted = await client.catalog.submit(entry.code, { ifMatch: created.etag! });
  const registered = await client.catalog.register(entry.code, { ifMatch: submitted.etag! });
  const published = await client.catalog.publish(entry.code, { ifMatch: registered.etag! });
  return { etag: published.etag! };
}

export function recordsFor(count: number, prefix = 'R'): Array<{ bh: string; xm: string; nl: number }> {
  return Array.from({ length: count }, (_, i) => ({
    bh: `${prefix}${String(i).padStart(8, '0')}`,
    xm: `姓名${i}`,
    nl: 20 + (i % 60),
  }));
}

export function codePath(code: string): string {
  return encodeURIComponent(code);
}
