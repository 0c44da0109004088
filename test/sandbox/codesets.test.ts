import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from './support/client';
import { startDemo } from './support/demo';

type Demo = Awaited<ReturnType<typeof startDemo>>;

describe('national code sets over HTTP', () => {
  let sandbox: Demo;
  beforeAll(async () => {
    sandbox = await startDemo();
  });
  afterAll(() => sandbox.close());

  it('lists every registered set with its source, status and count, page by page', async () => {
    const client = clientFor(sandbox.url, 'minzheng');
    const sets = await client.codesets.list({ limit: 4 }).toArray();
    expect(sets.map((s) => `${s.id} ${s.status} ${s.count}`)).toEqual([
      'gat-2000-156 partial 126',
      'gbt-2260 confirmed 3227',
      'gbt-2261-1 confirmed 4',
      'gbt-2261-2 confirmed 8',
      'gbt-2659-1 partial 249',
      'gbt-3304 confirmed 58',
      'gbt-4658 partial 40',
      'gbt-4761 partial 84',
      'gbt-4762 confirmed 13',
    ]);
    expect(sets.every((s) => s.source.length > 20)).toBe(true);
  });

  it('serves a new set with all its codes and their fields', async () => {
    const client = clientFor(sandbox.url, 'minzheng');
    const marital = await client.codesets.get('gbt-2261-2');
    expect(marital.data.name).toBe('GB/T 2261.2');
    expect(marital.data.codes.map((c) => c.code)).toEqual(['10', '20', '21', '22', '23', '30', '40', '90']);
    const countries = await client.codesets.get('gbt-2659-1');
    expect(countries.data.codes.find((c) => c.alpha2 === 'HK')).toMatchObject({
      code: 'HKG',
      label: '中国香港',
      alpha3: 'HKG',
      numeric: '344',
    });
  });
});
