import { demoSeedFile, type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import { conformanceChecks, credentialsFromSeed, runConformance } from '@unsilo/sdk/conformance';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CatalogRecordsFault,
  type FaultyExchange,
  startFaultyExchange,
} from './support/catalog-records-proxy';

/** The checks of the catalogue life cycle, records, idempotency and limits, in the run's order. */
const catalogRecordsChecks = conformanceChecks.filter((check) =>
  /^(lifecycle|records|idempotency|limits)\//.test(check.id),
);

/**
 * A rate low enough that the burst of limits/rate-limited meets it well within its cap of 1,500 requests, high
 * enough that no other check (providerA sends the most, about 200 requests) comes near it.
 */
const REQUESTS_PER_MINUTE = 600;

const run = (baseUrl: string, ids?: readonly string[]) =>
  runConformance({
    baseUrl,
    credentials: credentialsFromSeed(demoSeedFile),
    checks: ids ? catalogRecordsChecks.filter((check) => ids.includes(check.id)) : catalogRecordsChecks,
  });

const outcomes = (report: Awaited<ReturnType<typeof run>>, outcome: 'fail' | 'skip') =>
  report.results.filter((r) => r.outcome === outcome).map((r) => r.id);

describe('conformance checks of the catalogue life cycle, records, idempotency and limits', () => {
  const open: Array<RunningSandbox | FaultyExchange> = [];
  afterEach(async () => {
    for (const server of open.splice(0)) await server.close();
  });
  // A sandbox of its own per test: the rate-limit check spends the vendor's allowance.
  const sandbox = async (requestsPerMinute = REQUESTS_PER_MINUTE) => {
    const started = await startSandbox({ memory: true, requestsPerMinute });
    open.push(started);
    return started;
  };
  const faulty = async (fault: CatalogRecordsFault, requestsPerMinute?: number) => {
    const proxy = await startFaultyExchange((await sandbox(requestsPerMinute)).url, fault);
    open.push(proxy);
    return proxy;
  };

  it('passes every check against the sandbox and reaches the operations they prove', async () => {
    const report = await run((await sandbox()).url);
    expect(report.results.filter((r) => r.outcome !== 'pass')).toEqual([]);
    expect(report.results.map((r) => r.id)).toEqual([
      'lifecycle/walk',
      'lifecycle/invalid-transition',
      'lifecycle/if-match',
      'lifecycle/lint-failed',
      'lifecycle/code-mismatch',
      'lifecycle/pending-change',
      'lifecycle/republish',
      'lifecycle/withdrawn',
      'lifecycle/list-filters',
      'records/per-record-results',
      'records/malformed-batch',
      'records/update-and-delete',
      'records/query-filter',
      'records/paging-under-writes',
      'idempotency/replay',
      'idempotency/conflict',
      'idempotency/key-required',
      'limits/batch-too-large',
      'limits/rate-limited',
    ]);
    const proved = [
      'createResource',
      'getResource',
      'updateResource',
      'submitResource',
      'registerResource',
      'publishResource',
      'withdrawResource',
      'listResources',
      'batchRecords',
      'queryRecords',
      'listChanges',
      'getMe',
    ];
    expect(proved.filter((id) => report.unreached.includes(id))).toEqual([]);
    // Every entry the run filed is withdrawn at the end, the ones the checks withdrew themselves included.
    expect(report.created.filter((left) => !left.withdrawn)).toEqual([]);
    expect(report.created.length).toBeGreaterThanOrEqual(17);
  });

  it('fails every check that needs a batch stored, against an exchange that acknowledges batches it never stored', async () => {
    const report = await run((await faulty('acknowledge-unstored')).url);
    expect(outcomes(report, 'fail')).toEqual([
      'lifecycle/pending-change',
      'lifecycle/republish',
      'lifecycle/withdrawn',
      'records/per-record-results',
      'records/malformed-batch',
      'records/update-and-delete',
      'records/query-filter',
      'records/paging-under-writes',
      'idempotency/replay',
      'idempotency/conflict',
      'idempotency/key-required',
      'limits/batch-too-large',
    ]);
    expect(outcomes(report, 'skip')).toEqual([]);
    const reason = report.results.find((r) => r.id === 'records/update-and-delete')?.reason;
    expect(reason).toMatch(/the records after the update and the delete: expected \[.+\], got \[\]/);
  });

  it('fails the paging check, and only it, against an exchange that pages records by position', async () => {
    const report = await run((await faulty('offset-paging')).url);
    expect(outcomes(report, 'fail')).toEqual(['records/paging-under-writes']);
    const reason = report.results.find((r) => r.id === 'records/paging-under-writes')?.reason;
    expect(reason).toMatch(/^records returned twice: expected \[\], got \["PW\d{8}"/);
  });

  it('fails the rate-limit check against an exchange whose 429 has no Retry-After', async () => {
    const report = await run((await faulty('no-retry-after')).url, ['limits/rate-limited']);
    expect(report.results.map((r) => [r.id, r.outcome, r.reason])).toEqual([
      ['limits/rate-limited', 'fail', 'Retry-After: expected a positive integer of seconds, got ""'],
    ]);
  });

  it('skips the rate-limit check, with the reason, when no 429 comes within the cap', async () => {
    const report = await run((await sandbox(0)).url, ['limits/rate-limited']);
    expect(report.results.map((r) => [r.id, r.outcome])).toEqual([['limits/rate-limited', 'skip']]);
    expect(report.results[0]?.reason).toMatch(/^no 429 within 1500 requests/);
  });
});
