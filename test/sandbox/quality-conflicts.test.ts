import { createExchangeClient, type ExchangeClient } from '@unsilo/sdk';
import type { CatalogEntry } from '@unsilo/sdk/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populationRow } from '../../examples/minzheng-population/generate-data';
import { runCli } from '../helpers/cli';
import { clientFor, expectProblem } from './support/client';
import {
  credentialsOf,
  type DemoDepartment,
  demoSeed,
  entryFor,
  publishEntry,
  startDemo,
} from './support/demo';

type Demo = Awaited<ReturnType<typeof startDemo>>;
type Item = NonNullable<CatalogEntry['items']>[number] & { element?: string };

/** Seven people with valid ID numbers; the departments below hold some of them, and disagree on a few. */
const people = Array.from({ length: 7 }, (_, i) => {
  const row = populationRow(i);
  return {
    id: row.SFZH,
    name: row.XM,
    sex: Number(row.SFZH[16]) % 2 === 1 ? '1' : '2',
    birth: row.CSRQ,
    isoBirth: `${row.CSRQ.slice(0, 4)}-${row.CSRQ.slice(4, 6)}-${row.CSRQ.slice(6)}`,
  };
});
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;
const other = (sex: string) => (sex === '1' ? '2' : '1');

const HOUSEHOLD = '307001030801/000101';
const CIVIL = '307002010101/000101';
const INSURED = '307003010101/000101';

function personEntry(
  department: DemoDepartment,
  code: string,
  share: 'conditional',
  items: Item[],
): CatalogEntry {
  const base = entryFor(department, 101, share);
  return { ...base, code, items: items as CatalogEntry['items'], key: [items[0]!.key] };
}

/** 公安局: the household register, the authoritative source of names; dates as YYYY-MM-DD. */
const household = personEntry('gongan', HOUSEHOLD, 'conditional', [
  {
    name: '公民身份号码',
    key: 'gmsfhm',
    type: 'C',
    length: 18,
    element: 'person.id-number',
    check: ['idcard'],
  },
  { name: '姓名', key: 'xm', type: 'C', length: 50, element: 'person.name', source: 'authoritative' },
  { name: '性别', key: 'xb', type: 'C', length: 1, element: 'person.sex' },
  { name: '出生日期', key: 'csrq', type: 'D', element: 'person.birth-date' },
]);
/** 民政局: other key names, no element on the ID (its `check: idcard` says what it is), dates as YYYYMMDD. */
const civil = personEntry('minzheng', CIVIL, 'conditional', [
  { name: '身份证号', key: 'sfzh', type: 'C', length: 18, check: ['idcard'] },
  { name: '姓名', key: 'name', type: 'C', length: 50, element: 'person.name' },
  { name: '性别', key: 'sex', type: 'C', length: 1, element: 'person.sex' },
  { name: '出生日期', key: 'birth', type: 'C', length: 8, element: 'person.birth-date' },
]);
/** 人社局: names and phone numbers; 公安局 has an approved request for it. */
const insured = personEntry('renshe', INSURED, 'conditional', [
  { name: '公民身份号码', key: 'gmsfhm', type: 'C', length: 18, element: 'person.id-number' },
  { name: '姓名', key: 'xm', type: 'C', length: 50, element: 'person.name' },
  { name: '联系电话', key: 'dh', type: 'C', length: 20, element: 'person.phone' },
]);

const sourceOf = (entry: CatalogEntry) => ({ code: entry.code, provider: entry.provider });

async function pushAll(sandbox: Demo): Promise<void> {
  const gongan = clientFor(sandbox.url, 'gongan');
  const minzheng = clientFor(sandbox.url, 'minzheng');
  const renshe = clientFor(sandbox.url, 'renshe');
  for (const [client, entry] of [
    [gongan, household],
    [minzheng, civil],
    [renshe, insured],
  ] as const) {
    await publishEntry(client, entry);
  }
  // 公安局 holds people 0–5; 民政局 1–6 with a sex (1), a name (2) and a birth date (4) of its own, the same date
  // written YYYYMMDD (3), and no name for 5; 人社局 0–2, with another name for 0.
  const accepted: number[] = [];
  const pushed = await gongan.records.batch(HOUSEHOLD, {
    upsert: people.slice(0, 6).map((p) => ({ gmsfhm: p.id, xm: p.name, xb: p.sex, csrq: p.isoBirth })),
  });
  accepted.push(pushed.data.accepted);
  const civilPushed = await minzheng.records.batch(CIVIL, {
    upsert: people.slice(1, 7).map((p, k) => {
      const i = k + 1;
      return {
        sfzh: p.id.toLowerCase(),
        ...(i === 5 ? {} : { name: i === 2 ? `${p.name}华` : p.name }),
        sex: i === 1 ? other(p.sex) : p.sex,
        birth: i === 4 ? '19991231' : p.birth,
      };
    }),
  });
  accepted.push(civilPushed.data.accepted);
  const insuredPushed = await renshe.records.batch(INSURED, {
    upsert: people.slice(0, 3).map((p, i) => ({
      gmsfhm: p.id,
      xm: i === 0 ? `${p.name}一` : p.name,
      dh: `1380000000${i}`,
    })),
  });
  accepted.push(insuredPushed.data.accepted);
  expect(accepted).toEqual([6, 6, 3]);
  // Who may read what: 公安局 人社局's data; 大数据局 公安局's and 民政局's, not 人社局's.
  const dashuju = clientFor(sandbox.url, 'dashuju');
  for (const [reader, owner, resource] of [
    [gongan, renshe, INSURED],
    [dashuju, gongan, HOUSEHOLD],
    [dashuju, minzheng, CIVIL],
  ] as const) {
    const request = await reader.shareRequests.create({ resource, purpose: '核对人口基础信息' });
    await owner.shareRequests.approve(request.data.id);
  }
}

function conflictsOf(
  client: ExchangeClient,
  query: Parameters<ExchangeClient['quality']['conflicts']>[0] = {},
) {
  return client.quality.conflicts(query).then((response) => response.data);
}

describe('cross-source conflicts (多元校核) on the exchange', () => {
  let sandbox: Demo;
  beforeAll(async () => {
    const consumerOnly = {
      id: 'jiaoyu',
      name: '某市教育局',
      code: '11330100MB0000078N',
      roles: ['consumer' as const],
      clients: [{ clientId: 'jiaoyu-demo', clientSecret: 'jiaoyu-demo-secret-0c1d2e3f' }],
    };
    sandbox = await startDemo({
      seed: { ...demoSeed, departments: [...demoSeed.departments, consumerOnly] },
    });
    await pushAll(sandbox);
  });
  afterAll(() => sandbox.close());

  it('shows the authority every pair, the disagreements per element, the authoritative source and examples where it may read both', async () => {
    const result = await conflictsOf(clientFor(sandbox.url, 'dashuju'));
    expect(result.pairs.map((pair) => [pair.left.code, pair.right.code, pair.subjectsCompared])).toEqual([
      [HOUSEHOLD, CIVIL, 5],
      [HOUSEHOLD, INSURED, 3],
      [CIVIL, INSURED, 2],
    ]);
    const [householdCivil, householdInsured, civilInsured] = result.pairs;
    expect(householdCivil).toEqual({
      left: sourceOf(household),
      right: sourceOf(civil),
      subjectElement: 'person.id-number',
      subjectsCompared: 5,
      conflicts: [
        {
          element: 'person.name',
          leftItem: 'xm',
          rightItem: 'name',
          compared: 4,
          count: 1,
          authoritative: sourceOf(household),
          examples: [
            { subject: masked(people[2]!.id), left: people[2]!.name, right: `${people[2]!.name}华` },
          ],
        },
        {
          element: 'person.sex',
          leftItem: 'xb',
          rightItem: 'sex',
          compared: 5,
          count: 1,
          authoritative: null,
          examples: [{ subject: masked(people[1]!.id), left: people[1]!.sex, right: other(people[1]!.sex) }],
        },
        {
          element: 'person.birth-date',
          leftItem: 'csrq',
          rightItem: 'birth',
          compared: 5,
          count: 1,
          authoritative: null,
          examples: [{ subject: masked(people[4]!.id), left: people[4]!.isoBirth, right: '1999-12-31' }],
        },
      ],
    });
    // Values only from resources the caller may read: the authority has no request for 人社局's.
    expect(householdInsured!.conflicts).toEqual([
      {
        element: 'person.name',
        leftItem: 'xm',
        rightItem: 'xm',
        compared: 3,
        count: 1,
        authoritative: sourceOf(household),
        examples: [],
        examplesWithheld: true,
      },
    ]);
    expect(civilInsured!.conflicts.map((c) => [c.element, c.compared, c.count])).toEqual([
      ['person.name', 2, 1],
    ]);
  });

  it('shows a provider only the pairs of its own resources, with examples only where it may read the other side', async () => {
    const gongan = await conflictsOf(clientFor(sandbox.url, 'gongan'));
    expect(gongan.pairs.map((pair) => [pair.left.code, pair.right.code])).toEqual([
      [HOUSEHOLD, CIVIL],
      [HOUSEHOLD, INSURED],
    ]);
    // 民政局's resource is conditional and 公安局 has no approved request: the figures, not the values.
    expect(
      gongan.pairs[0]!.conflicts.map((c) => [c.element, c.count, c.examples, c.examplesWithheld]),
    ).toEqual([
      ['person.name', 1, [], true],
      ['person.sex', 1, [], true],
      ['person.birth-date', 1, [], true],
    ]);
    // 人社局 approved 公安局's request for its resource.
    expect(gongan.pairs[1]!.conflicts[0]!.examples).toEqual([
      { subject: masked(people[0]!.id), left: people[0]!.name, right: `${people[0]!.name}一` },
    ]);
    expect(gongan.pairs[1]!.conflicts[0]!.examplesWithheld).toBeUndefined();

    const renshe = await conflictsOf(clientFor(sandbox.url, 'renshe'));
    expect(renshe.pairs.map((pair) => [pair.left.code, pair.right.code])).toEqual([
      [HOUSEHOLD, INSURED],
      [CIVIL, INSURED],
    ]);
    expect(renshe.pairs.map((pair) => pair.conflicts[0]!.examplesWithheld)).toEqual([true, true]);
  });

  it('filters by resource and element, and bounds the examples', async () => {
    const dashuju = clientFor(sandbox.url, 'dashuju');
    const byResource = await conflictsOf(dashuju, { resource: INSURED });
    expect(byResource.pairs.map((pair) => [pair.left.code, pair.right.code])).toEqual([
      [HOUSEHOLD, INSURED],
      [CIVIL, INSURED],
    ]);
    const bySex = await conflictsOf(dashuju, { element: 'person.sex', examples: 0 });
    expect(bySex.pairs.map((pair) => [pair.left.code, pair.right.code, pair.conflicts])).toEqual([
      [
        HOUSEHOLD,
        CIVIL,
        [
          {
            element: 'person.sex',
            leftItem: 'xb',
            rightItem: 'sex',
            compared: 5,
            count: 1,
            authoritative: null,
            examples: [],
          },
        ],
      ],
    ]);
    await expectProblem(dashuju.quality.conflicts({ examples: 21 }), 400, 'request.invalid');
    await expectProblem(
      dashuju.quality.conflicts({ resource: '307001030801/000999' }),
      404,
      'resource.not_found',
    );
  });

  it('refuses departments that are neither provider nor authority, and hides drafts', async () => {
    await expectProblem(
      clientFor(sandbox.url, 'vendor-demo').quality.conflicts(),
      403,
      'access.role_required',
    );
    const jiaoyu = createExchangeClient({
      baseUrl: sandbox.url,
      auth: {
        type: 'clientCredentials',
        clientId: 'jiaoyu-demo',
        clientSecret: 'jiaoyu-demo-secret-0c1d2e3f',
      },
      retry: false,
    });
    await expectProblem(jiaoyu.quality.conflicts(), 403, 'access.role_required');
    // A draft of 公安局 is not compared, and another department cannot learn that it exists.
    const draft = { ...household, code: '307001030801/000102', name: '户籍人口草稿' };
    await clientFor(sandbox.url, 'gongan').catalog.create(draft);
    await expectProblem(
      clientFor(sandbox.url, 'minzheng').quality.conflicts({ resource: draft.code }),
      404,
      'resource.not_found',
    );
    const all = await conflictsOf(clientFor(sandbox.url, 'dashuju'));
    expect(all.pairs).toHaveLength(3);
  });

  it('`unsilo quality conflicts` prints them per pair and element, and exits 1 when sources disagree', async () => {
    const { clientId, clientSecret } = credentialsOf('dashuju');
    const env = {
      UNSILO_EXCHANGE_URL: sandbox.url,
      UNSILO_CLIENT_ID: clientId,
      UNSILO_CLIENT_SECRET: clientSecret,
    };
    const text = await runCli(['quality', 'conflicts', '--resource', CIVIL, '--lang', 'en'], { env });
    expect(text.code).toBe(1);
    expect(text.stdout.split('\n').slice(0, 5)).toEqual([
      `${HOUSEHOLD} 某市公安局 ↔ ${CIVIL} 某市民政局: 5 subjects in common (person.id-number)`,
      `  person.name (xm/name): 1 of 4 differ, authoritative ${HOUSEHOLD} 某市公安局 ${masked(people[2]!.id)} "${people[2]!.name}" ≠ "${people[2]!.name}华"`,
      `  person.sex (xb/sex): 1 of 5 differ, authoritative none ${masked(people[1]!.id)} "${people[1]!.sex}" ≠ "${other(people[1]!.sex)}"`,
      `  person.birth-date (csrq/birth): 1 of 5 differ, authoritative none ${masked(people[4]!.id)} "${people[4]!.isoBirth}" ≠ "1999-12-31"`,
      `${CIVIL} 某市民政局 ↔ ${INSURED} 某市人力资源和社会保障局: 2 subjects in common (person.id-number)`,
    ]);
    const json = await runCli(['quality', 'conflicts', '--element', 'person.sex', '--format', 'json'], {
      env,
    });
    expect(
      JSON.parse(json.stdout).pairs.map(
        (p: { conflicts: Array<{ count: number }> }) => p.conflicts[0]!.count,
      ),
    ).toEqual([1]);
    const usage = await runCli(['quality', 'conflicts', '--examples', '50'], { env });
    expect(usage.code).toBe(2);
  }, 60_000);
});
