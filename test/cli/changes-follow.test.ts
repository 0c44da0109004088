import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@unsilo/sandbox';
import type { ExchangeClient } from '@unsilo/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { byId, envAs, providerRecords, RESOURCE, sandboxWithRecords } from './support/consumer-sandbox';

let sandbox: RunningSandbox;
let provider: ExchangeClient;

beforeAll(async () => {
  ({ sandbox, provider } = await sandboxWithRecords());
}, 60_000);
afterAll(() => sandbox?.close());

const readCopy = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('unsilo changes follow', () => {
  it('keeps a local copy equal to the exchange’s records, applying only new changes on the next run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unsilo-follow-cli-'));
    const copy = join(dir, 'population.ndjson');
    const state = join(dir, 'population.state.json');
    const follow = () =>
      runCli(['changes', 'follow', RESOURCE, '--out', copy, '--state', state, '--once', '--format', 'json'], {
        env: envAs(sandbox.url, 'minzheng'),
      });

    const first = await follow();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ upserts: 4, deletes: 0, records: 4 });
    expect(byId(readCopy(copy))).toEqual(byId(await provider.records.query(RESOURCE).toArray()));
    const firstCursor = JSON.parse(readFileSync(state, 'utf8')).cursor as string;

    const [changed, removed] = [providerRecords[0]!, providerRecords[1]!];
    const pushed = await provider.records.batch(RESOURCE, {
      upsert: [{ ...changed, xm: '张三', jzlb: '特困' }],
      delete: [{ gmsfhm: removed.gmsfhm as string }],
    });
    expect(pushed.data.rejected).toBe(0);

    const second = await follow();
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({ upserts: 1, deletes: 1, records: 3 });
    const exchange = await provider.records.query(RESOURCE).toArray();
    expect(exchange).toHaveLength(3);
    expect(byId(readCopy(copy))).toEqual(byId(exchange));
    expect(readCopy(copy).find((r) => r.gmsfhm === changed.gmsfhm)).toMatchObject({ xm: '张三' });
    expect(JSON.parse(readFileSync(state, 'utf8')).cursor).not.toBe(firstCursor);

    const third = await follow();
    expect(JSON.parse(third.stdout)).toEqual({ upserts: 0, deletes: 0, records: 3 });
  }, 60_000);

  it('exits 1 with the reason when the consumer may not read the feed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unsilo-follow-cli-'));
    const run = await runCli(
      ['changes', 'follow', RESOURCE, '--out', join(dir, 'c.ndjson'), '--once', '--lang', 'zh'],
      {
        env: envAs(sandbox.url, 'gongan'),
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[access.share_request_required]');
    expect(run.stderr).toContain(`unsilo access request ${RESOURCE}`);
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);
});
