import { describe, expect, it } from 'vitest';
import type { ExchangeClient } from '../client/create-client';
import { ExchangeHttpError } from '../client/errors';
import type { ConflictPair, Quality, ShareRequest } from '../generated';
import { collectExchangeFigures } from './exchange-figures';

const quality = (resource: string, figures: Partial<Quality>): Quality => ({
  resource,
  records: 100,
  completeness: [],
  rejectRate: 0,
  rowsRead: 0,
  refusedLocally: { total: 0, byReason: {} },
  rejectedByExchange: 0,
  rowRejectRate: 0,
  lastPushAt: null,
  updateCycle: 'daily',
  stale: false,
  ...figures,
});
const source = (code: string) => ({ code, provider: { name: code, code: '11330100MB0000019K' } });
const notFound = () =>
  new ExchangeHttpError(
    404,
    { type: 'about:blank', title: 'Not Found', status: 404, code: 'resource.not_found', requestId: 'r-1' },
    {},
  );

/** Just the calls `collectExchangeFigures` makes, answering from the given figures. */
function fakeClient(figures: {
  qualities: Quality[];
  requests: Array<Pick<ShareRequest, 'resource' | 'createdAt' | 'decidedAt'>>;
  pairs?: ConflictPair[];
}): ExchangeClient {
  return {
    quality: {
      get: async (code: string) => {
        const found = figures.qualities.find((q) => q.resource === code);
        if (!found) throw notFound();
        return { data: found };
      },
    },
    shareRequests: {
      list: () =>
        (async function* () {
          yield* figures.requests;
        })(),
    },
    request: async () => {
      if (!figures.pairs) throw notFound();
      return { data: { pairs: figures.pairs } };
    },
  } as unknown as ExchangeClient;
}

describe('collectExchangeFigures', () => {
  it('weights reject rates by rows, times requests (pending ones to now), skips resources not on the exchange', async () => {
    const client = fakeClient({
      qualities: [
        quality('A/000001', { rowsRead: 300, records: 280, rowRejectRate: 0.1, stale: true }),
        quality('A/000002', { rowsRead: 0, records: 100, rowRejectRate: 0 }),
      ],
      requests: [
        { resource: 'A/000001', createdAt: '2026-12-01T00:00:00Z', decidedAt: '2026-12-01T10:00:00Z' },
        { resource: 'A/000002', createdAt: '2026-12-01T00:00:00Z', decidedAt: '2026-12-02T06:00:00Z' },
        { resource: 'A/000002', createdAt: '2026-12-03T00:00:00Z' },
        { resource: 'B/000001', createdAt: '2026-12-01T00:00:00Z', decidedAt: '2026-12-01T01:00:00Z' },
      ],
    });
    const { figures, notes } = await collectExchangeFigures(
      client,
      [{ key: 'a', resourceCodes: ['A/000001', 'A/000002', 'A/000003'] }],
      { now: new Date('2026-12-05T00:00:00Z') },
    );
    expect(figures.get('a')).toEqual({
      resources: 2,
      staleResources: 1,
      records: 380,
      rowRejectRate: 30 / 400,
      shareRequests: 3,
      medianTurnaroundHours: 30, // 10 h, 30 h and 48 h pending so far
      conflicts: null,
    });
    expect(notes.map((n) => n.en)).toContain(
      'The exchange gives this client no conflicts figure (GET /v1/quality/conflicts): not counted.',
    );
  });

  it('charges a conflict to both sources, or only to the one that is not the authoritative source', async () => {
    const element = (name: string, count: number, authoritative: string | null) => ({
      element: name,
      leftItem: 'x',
      rightItem: 'y',
      compared: 50,
      count,
      authoritative: authoritative ? source(authoritative) : null,
      examples: [],
    });
    const pair: ConflictPair = {
      left: source('GA/000001'),
      right: source('MZ/000001'),
      subjectElement: 'person.id-number',
      subjectsCompared: 50,
      conflicts: [
        element('person.name', 3, null),
        element('person.birth-date', 2, 'GA/000001'),
        element('person.sex', 0, null),
      ],
    };
    const client = fakeClient({
      qualities: [quality('GA/000001', {}), quality('MZ/000001', {})],
      requests: [],
      pairs: [pair],
    });
    const { figures } = await collectExchangeFigures(client, [
      { key: 'ga', resourceCodes: ['GA/000001'] },
      { key: 'mz', resourceCodes: ['MZ/000001'] },
    ]);
    expect([figures.get('ga')?.conflicts, figures.get('mz')?.conflicts]).toEqual([3, 5]);
  });
});
