import type { CatalogEntry } from '@unsilo/sdk/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, expectProblem } from './support/client';
import { entryFor, startDemo } from './support/demo';

type Demo = Awaited<ReturnType<typeof startDemo>>;

/** Issue 15: a classified (涉密) resource is never on the shared platform; the exchange refuses to hold one. */
describe('a classified entry on the exchange', () => {
  let sandbox: Demo;
  beforeAll(async () => {
    sandbox = await startDemo({ selfApprove: true });
  });
  afterAll(() => sandbox.close());

  // Every entry the exchange holds, drafts included, as the authority (who sees them all) lists them.
  const storedCodes = async () =>
    (await clientFor(sandbox.url, 'dashuju').catalog.list().toArray()).map((r) => r.code).sort();
  const classified = (entry: CatalogEntry): CatalogEntry => ({ ...entry, secrecy: 'classified' });

  it('refuses a classified entry that is shared, and stores nothing', async () => {
    const gongan = clientFor(sandbox.url, 'gongan');
    const before = await storedCodes();
    const entry = classified(entryFor('gongan', 41, 'conditional'));
    const error = await expectProblem(gongan.catalog.create(entry), 422, 'catalog.lint_failed');
    expect(error.problem.errors?.filter((e) => e.severity === 'error').map((e) => [e.rule, e.path])).toEqual([
      ['secrecy/classified-shared', 'share.type'],
    ]);
    expect(await storedCodes()).toEqual(before);
  });

  it('keeps a registered entry as it was when an update would make it classified and shared', async () => {
    const gongan = clientFor(sandbox.url, 'gongan');
    const entry = entryFor('gongan', 42, 'conditional');
    const created = await gongan.catalog.create(entry);
    const submitted = await gongan.catalog.submit(entry.code, { ifMatch: created.etag! });
    const registered = await gongan.catalog.register(entry.code, { ifMatch: submitted.etag! });
    await expectProblem(
      gongan.catalog.update(entry.code, classified(entry), { ifMatch: registered.etag! }),
      422,
      'catalog.lint_failed',
    );
    const read = await gongan.catalog.get(entry.code);
    expect(read.data.entry).toEqual(entry);
    expect(read.data.status).toBe('registered');
  });

  it('holds a classified entry that is neither shared nor open', async () => {
    const gongan = clientFor(sandbox.url, 'gongan');
    const entry = classified(entryFor('gongan', 43, 'none'));
    const created = await gongan.catalog.create(entry);
    expect(created.status).toBe(201);
    expect(created.data.entry.secrecy).toBe('classified');
  });
});
