import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from './support/client';
import { entryFor, publishEntry, startDemo, tokenFor } from './support/demo';

type Demo = Awaited<ReturnType<typeof startDemo>>;

describe('eraseSubject refuses hostile bodies with a problem, and a refused erasure erases nothing', () => {
  let sandbox: Demo;
  const entry = entryFor('minzheng', 75);
  beforeAll(async () => {
    sandbox = await startDemo();
    await publishEntry(clientFor(sandbox.url, 'minzheng'), entry);
    await clientFor(sandbox.url, 'minzheng').records.batch(entry.code, {
      upsert: [{ bh: 'H1', xm: '甲', nl: 1 }],
    });
  });
  afterAll(() => sandbox.close());

  it.each([
    [
      'a __proto__ member',
      '{"subject":"H1","reason":"x","__proto__":{"dryRun":true}}',
      'application/json',
      400,
    ],
    ['a constructor member', '{"subject":"H1","reason":"x","constructor":{}}', 'application/json', 400],
    [
      'a subject over 128 characters',
      JSON.stringify({ subject: 'H'.repeat(129), reason: 'x' }),
      'application/json',
      400,
    ],
    [
      '101 resources',
      JSON.stringify({
        subject: 'H1',
        reason: 'x',
        resources: Array.from({ length: 101 }, (_, i) => `307001030801/${String(i).padStart(6, '0')}`),
      }),
      'application/json',
      400,
    ],
    [
      'an unknown member',
      JSON.stringify({ subject: 'H1', reason: 'x', everything: true }),
      'application/json',
      400,
    ],
    ['broken JSON', '{"subject":"H1",', 'application/json', 400],
  ])('%s', async (_, body, type, status) => {
    const token = await tokenFor(sandbox.url, 'dashuju');
    const response = await fetch(`${sandbox.url}/v1/erasures`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body,
    });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { code: string; zh: string };
    expect(problem.zh).toBeTruthy();
    const records = await clientFor(sandbox.url, 'minzheng').records.query(entry.code).toArray();
    expect(records.map((r) => r.bh)).toEqual(['H1']);
  });
});
