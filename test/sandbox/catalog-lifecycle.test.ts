import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, expectProblem } from './support/client';
import { codePath, entryFor, startDemo, tokenFor } from './support/demo';

type Demo = Awaited<ReturnType<typeof startDemo>>;

describe('catalogue life cycle over HTTP (SDK client)', () => {
  let sandbox: Demo;
  beforeAll(async () => {
    sandbox = await startDemo({ selfApprove: true });
  });
  afterAll(() => sandbox.close());

  it('files a draft, refuses a stale or missing ETag, and walks draft → submitted → registered → published → withdrawn', async () => {
    const gongan = clientFor(sandbox.url, 'gongan');
    const entry = entryFor('gongan', 1);
    const created = await gongan.catalog.create(entry);
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ code: entry.code, status: 'draft', providerId: 'gongan' });
    expect(created.etag).toBe(created.data.etag);
    expect(created.headers.get('location')).toBe(`/v1/catalog/resources/${codePath(entry.code)}`);

    const read = await gongan.catalog.get(entry.code);
    expect(read.data.entry).toEqual(entry);
    const unchanged = await gongan.catalog.get(entry.code, { ifNoneMatch: read.etag! });
    expect(unchanged).toMatchObject({ notModified: true, status: 304, etag: read.etag });

    // Without If-Match: 428; with an old one: 412 (raw HTTP — the SDK always sends If-Match).
    const token = await tokenFor(sandbox.url, 'gongan');
    const put = (headers: Record<string, string>) =>
      fetch(`${sandbox.url}/v1/catalog/resources/${codePath(entry.code)}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ ...entry, summary: `${entry.summary}（修订）` }),
      });
    const without = await put({});
    expect(without.status).toBe(428);
    expect(await without.json()).toMatchObject({ code: 'precondition.required' });

    const updated = await gongan.catalog.update(
      entry.code,
      { ...entry, summary: `${entry.summary}（修订）` },
      { ifMatch: read.etag! },
    );
    expect(updated.etag).not.toBe(read.etag);
    expect(updated.data.status).toBe('draft');
    const stale = await put({ 'if-match': read.etag! });
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({ code: 'precondition.failed' });
    await expectProblem(
      gongan.catalog.submit(entry.code, { ifMatch: read.etag! }),
      412,
      'precondition.failed',
    );

    // Publishing a draft skips review: refused.
    await expectProblem(
      gongan.catalog.publish(entry.code, { ifMatch: updated.etag! }),
      409,
      'catalog.invalid_transition',
    );

    const submitted = await gongan.catalog.submit(entry.code, { ifMatch: updated.etag! });
    expect(submitted.data.status).toBe('submitted');
    const registered = await gongan.catalog.register(entry.code, { ifMatch: submitted.etag! });
    expect(registered.data.status).toBe('registered');
    const published = await gongan.catalog.publish(entry.code, { ifMatch: registered.etag! });
    expect(published.data.status).toBe('published');

    // A change to a published entry sends it back to review.
    const revised = await gongan.catalog.update(
      entry.code,
      { ...entry, name: `${entry.name}（新版）` },
      { ifMatch: published.etag! },
    );
    expect(revised.data.status).toBe('submitted');

    const withdrawn = await gongan.catalog.withdraw(
      entry.code,
      { reason: '系统下线，数据停止更新' },
      { ifMatch: revised.etag! },
    );
    expect(withdrawn.data.status).toBe('withdrawn');
    expect(withdrawn.data.history?.map((h) => h.status)).toEqual([
      'draft',
      'draft',
      'submitted',
      'registered',
      'published',
      'submitted',
      'withdrawn',
    ]);
    expect(withdrawn.data.history?.at(-1)).toMatchObject({ by: 'gongan', reason: '系统下线，数据停止更新' });
    await expectProblem(
      gongan.catalog.update(entry.code, entry, { ifMatch: withdrawn.etag! }),
      409,
      'catalog.invalid_transition',
    );
  });

  it('lints on the server with the catalogue rules: 422 with the diagnostics', async () => {
    const gongan = clientFor(sandbox.url, 'gongan');
    const entry = entryFor('gongan', 2, 'conditional');
    const { condition: _dropped, ...share } = entry.share as { condition?: string };
    const error = await expectProblem(
      gongan.catalog.create({ ...entry, share } as typeof entry),
      422,
      'catalog.lint_failed',
    );
    expect(error.problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'share/condition-required', severity: 'error' }),
      ]),
    );
    const badCode = await expectProblem(
      gongan.catalog.create({ ...entryFor('gongan', 3), code: '207001030801/000003' }),
      422,
      'catalog.lint_failed',
    );
    expect(badCode.problem.errors?.map((e) => e.rule)).toContain('code/class-mismatch');
  });

  it('lets a department describe and change only its own resources', async () => {
    const gongan = clientFor(sandbox.url, 'gongan');
    const minzheng = clientFor(sandbox.url, 'minzheng');
    // 民政局 cannot file an entry in 公安局's name…
    await expectProblem(minzheng.catalog.create(entryFor('gongan', 10)), 403, 'access.forbidden');
    const created = await gongan.catalog.create(entryFor('gongan', 10));
    // …nor change or move one of 公安局's entries: a draft it does not even see…
    await expectProblem(
      minzheng.catalog.update(created.data.code, entryFor('gongan', 10), { ifMatch: created.etag! }),
      404,
      'resource.not_found',
    );
    await expectProblem(
      minzheng.catalog.submit(created.data.code, { ifMatch: created.etag! }),
      404,
      'resource.not_found',
    );
    // …and a published one it sees but may not change.
    const submitted = await gongan.catalog.submit(created.data.code, { ifMatch: created.etag! });
    const registered = await gongan.catalog.register(created.data.code, { ifMatch: submitted.etag! });
    const published = await gongan.catalog.publish(created.data.code, { ifMatch: registered.etag! });
    await expectProblem(
      minzheng.catalog.update(created.data.code, entryFor('gongan', 10), { ifMatch: published.etag! }),
      403,
      'access.forbidden',
    );
    await expectProblem(
      minzheng.catalog.withdraw(created.data.code, { reason: '撤销' }, { ifMatch: published.etag! }),
      403,
      'access.forbidden',
    );
    // The provider cannot hand its entry over to another department either.
    await expectProblem(
      gongan.catalog.update(
        created.data.code,
        { ...entryFor('minzheng', 10), code: created.data.code },
        { ifMatch: published.etag! },
      ),
      403,
      'access.forbidden',
    );
    await expectProblem(gongan.catalog.create(entryFor('gongan', 10)), 409, 'catalog.duplicate_code');
  });

  it('lists with filters and cursor paging', async () => {
    const renshe = clientFor(sandbox.url, 'renshe');
    for (let i = 20; i < 25; i++)
      await renshe.catalog.create(entryFor('renshe', i, i % 2 ? 'conditional' : 'unconditional'));
    const pages = [];
    for await (const page of renshe.catalog
      .list({ provider: entryFor('renshe', 20).provider.code, limit: 2 })
      .pages()) {
      pages.push(page.items.map((item) => item.code));
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual([20, 21, 22, 23, 24].map((i) => `307001030801/0000${i}`));
    const conditional = [];
    for await (const item of renshe.catalog.list({
      shareType: 'conditional',
      provider: entryFor('renshe', 20).provider.code,
    })) {
      conditional.push(item.code);
    }
    expect(conditional).toEqual(['307001030801/000021', '307001030801/000023']);
  });
});

describe('life cycle with an authority (no self-approval)', () => {
  let sandbox: Demo;
  beforeAll(async () => {
    sandbox = await startDemo({ selfApprove: false });
  });
  afterAll(() => sandbox.close());

  it('only 大数据局 registers and publishes; it may also withdraw any entry', async () => {
    const shichang = clientFor(sandbox.url, 'shichang');
    const dashuju = clientFor(sandbox.url, 'dashuju');
    const created = await shichang.catalog.create(entryFor('shichang', 1));
    const submitted = await shichang.catalog.submit(created.data.code, { ifMatch: created.etag! });
    await expectProblem(
      shichang.catalog.register(created.data.code, { ifMatch: submitted.etag! }),
      403,
      'access.role_required',
    );
    const registered = await dashuju.catalog.register(created.data.code, { ifMatch: submitted.etag! });
    await expectProblem(
      shichang.catalog.publish(created.data.code, { ifMatch: registered.etag! }),
      403,
      'access.role_required',
    );
    const published = await dashuju.catalog.publish(created.data.code, { ifMatch: registered.etag! });
    expect(published.data.history?.slice(-2)).toEqual([
      expect.objectContaining({ status: 'registered', by: 'dashuju' }),
      expect.objectContaining({ status: 'published', by: 'dashuju' }),
    ]);
    const withdrawn = await dashuju.catalog.withdraw(
      created.data.code,
      { reason: '撤销' },
      { ifMatch: published.etag! },
    );
    expect(withdrawn.data.history?.at(-1)).toEqual(
      expect.objectContaining({ status: 'withdrawn', by: 'dashuju', reason: '撤销' }),
    );
  });
});
