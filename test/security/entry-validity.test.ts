import { lintText, stringifyEntry } from '@unsilo/sdk/catalog';
import { type CatalogEntry, zCatalogEntry } from '@unsilo/sdk/schemas';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codePath, entryFor, startDemo, tokenFor } from '../sandbox/support/demo';

/**
 * Issue 12, finding 3: one validity. What the linter passes, the exchange stores and answers; what the contract
 * (the generated `zCatalogEntry`) refuses, the linter reports and the exchange refuses before storing anything.
 */
type Demo = Awaited<ReturnType<typeof startDemo>>;

function variant(sequence: number, change: (entry: CatalogEntry) => void): CatalogEntry {
  const entry = structuredClone(entryFor('gongan', sequence));
  change(entry);
  return entry;
}

/** Entries the linter used to pass and the contract refuses (the examples). */
const refused: Array<[string, CatalogEntry, string]> = [
  [
    'an item key with a quote',
    variant(11, (e) => {
      e.items![1]!.key = 'x"m';
    }),
    'items[1].key',
  ],
  [
    'an item key with a dot',
    variant(12, (e) => {
      e.items![1]!.key = 'x.m';
    }),
    'items[1].key',
  ],
  [
    'a negative length',
    variant(13, (e) => {
      e.items![0]!.length = -5;
    }),
    'items[0].length',
  ],
  [
    'a fractional length',
    variant(14, (e) => {
      e.items![0]!.length = 2.5;
    }),
    'items[0].length',
  ],
  [
    'a 10,000-character name',
    variant(15, (e) => {
      e.name = '名'.repeat(10_000);
    }),
    'name',
  ],
  [
    'a related code that is a path',
    variant(16, (e) => {
      e.related = ['../x'];
    }),
    'related[0]',
  ],
];

describe('entry validity: the linter, the contract and the exchange agree', () => {
  for (const [what, entry, path] of refused) {
    it(`the linter reports ${what} as an error at ${path}`, () => {
      expect(zCatalogEntry.safeParse(entry).success).toBe(false);
      const result = lintText('entry.yaml', stringifyEntry(entry));
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.rule)).toEqual(['schema/contract']);
      expect(errors[0]!.message.en).toContain(path);
    });
  }

  describe('over HTTP', () => {
    let sandbox: Demo;
    let token: string;
    beforeAll(async () => {
      sandbox = await startDemo();
      token = await tokenFor(sandbox.url, 'gongan');
    });
    afterAll(() => sandbox.close());

    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${sandbox.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    /** What the exchange holds, read from its database: a refused request must leave no row behind. */
    const storedCodes = () =>
      sandbox.db!.prepare('SELECT code FROM resources ORDER BY code').pluck().all() as string[];

    for (const [what, entry, path] of refused) {
      it(`refuses ${what} with 422 catalog.lint_failed and stores nothing`, async () => {
        const before = storedCodes();
        const response = await call('POST', '/v1/catalog/resources', entry);
        expect(response.status).toBe(422);
        const problem = (await response.json()) as {
          code: string;
          errors: Array<{ rule: string; severity: string; path?: string }>;
        };
        expect(problem.code).toBe('catalog.lint_failed');
        const errors = problem.errors.filter((finding) => finding.severity === 'error');
        expect(errors.map((finding) => [finding.rule, finding.path])).toEqual([['schema/contract', path]]);
        expect((await call('GET', `/v1/catalog/resources/${codePath(entry.code)}`)).status).toBe(404);
        expect(storedCodes()).toEqual(before);
      });
    }

    it('refuses an update to an invalid entry and keeps the stored one answerable', async () => {
      const valid = entryFor('gongan', 20);
      const created = await call('POST', '/v1/catalog/resources', valid);
      expect(created.status).toBe(201);
      const etag = created.headers.get('etag')!;
      const bad = { ...valid, items: [{ name: '编号', key: 'b.h', type: 'C', length: -1 }] };
      const response = await fetch(`${sandbox.url}/v1/catalog/resources/${codePath(valid.code)}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': etag },
        body: JSON.stringify(bad),
      });
      expect(response.status).toBe(422);
      expect(((await response.json()) as { code: string }).code).toBe('catalog.lint_failed');
      const read = await call('GET', `/v1/catalog/resources/${codePath(valid.code)}`);
      expect(read.status).toBe(200);
      expect(((await read.json()) as { entry: CatalogEntry }).entry).toEqual(valid);
    });

    it('answers 4xx to random mutations the contract refuses, never 500, and stores none of them', async () => {
      const before = storedCodes();
      const junk = fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('', ' ', '../x', 'a.b', 'x"y', '名'.repeat(300), 'TODO', '307001030801/000099'),
        fc.integer({ min: -3, max: 3 }),
        fc.double({ noNaN: true, min: -10, max: 10 }),
        fc.constantFrom(null, true, [], {}, ['../x'], [{}], { a: 1 }),
      );
      const fields = fc.constantFrom<Array<string | number>>(
        ['name'],
        ['summary'],
        ['publishedAt'],
        ['related'],
        ['key'],
        ['businessMatters'],
        ['provider', 'unit'],
        ['format', 'type'],
        ['share', 'condition'],
        ['share', 'method', 'class'],
        ['open', 'topic'],
        ['updateCycleNote'],
        ['items', 0, 'key'],
        ['items', 0, 'length'],
        ['items', 1, 'name'],
        ['items', 1, 'codeset'],
        ['items', 2, 'check'],
        ['items', 2, 'description'],
      );
      let sequence = 100;
      await fc.assert(
        fc.asyncProperty(fields, junk, async (path, value) => {
          sequence++;
          const entry = structuredClone(entryFor('gongan', sequence)) as unknown as Record<string, unknown>;
          let parent = entry as Record<string | number, unknown>;
          for (const segment of path.slice(0, -1))
            parent = parent[segment] as Record<string | number, unknown>;
          parent[path[path.length - 1]!] = value;
          const contract = zCatalogEntry.safeParse(entry).success;
          const lint = lintText('entry.yaml', JSON.stringify(entry));
          if (!contract) expect(lint.summary.errors).toBeGreaterThan(0);
          const response = await call('POST', '/v1/catalog/resources', entry);
          expect(response.status).toBeLessThan(500);
          if (!contract) {
            expect(response.status).toBe(422);
          } else if (response.status === 201) {
            const read = await call('GET', `/v1/catalog/resources/${codePath(String(entry.code))}`);
            expect(read.status).toBe(200);
          }
        }),
        { numRuns: 60, seed: 12 },
      );
      const after = storedCodes().filter((code) => !before.includes(code));
      for (const code of after) {
        expect((await call('GET', `/v1/catalog/resources/${codePath(code)}`)).status).toBe(200);
      }
    });
  });
});
