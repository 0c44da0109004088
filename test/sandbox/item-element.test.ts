import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from './support/client';
import { entryFor, startDemo } from './support/demo';

type Demo = Awaited<ReturnType<typeof startDemo>>;

describe('an item’s data element on the exchange', () => {
  let sandbox: Demo;
  beforeAll(async () => {
    sandbox = await startDemo({ selfApprove: true });
  });
  afterAll(() => sandbox.close());

  it('is kept as filed and returned by GET, so cross-source checks can read items[].element', async () => {
    const gongan = clientFor(sandbox.url, 'gongan');
    const filed = entryFor('gongan', 7);
    const [first, ...rest] = filed.items!;
    const entry = { ...filed, items: [{ ...first!, element: 'person.id-number' }, ...rest] };
    expect((await gongan.catalog.create(entry)).status).toBe(201);
    const read = await gongan.catalog.get(entry.code);
    expect(read.data.entry.items?.[0]?.element).toBe('person.id-number');
    expect(read.data.entry).toEqual(entry);
  });
});
