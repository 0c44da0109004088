import type { ExchangeClient } from '@unsilo/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, expectProblem } from '../sandbox/support/client';
import {
  codePath,
  demoSeed,
  entryFor,
  publishEntry,
  recordsFor,
  startDemo,
  tokenFor,
} from '../sandbox/support/demo';

/**
 * Issue 12, finding 4: roles are enforced on every operation. A `vendor` never creates entries or pushes
 * records; the refusal (403 `access.role_required`, naming the roles) comes before the request is read and
 * changes nothing.
 */
type Demo = Awaited<ReturnType<typeof startDemo>>;

describe('a vendor never writes the catalogue or records (demo seed, selfApprove)', () => {
  let sandbox: Demo;
  let vendor: ExchangeClient;
  let gongan: ExchangeClient;
  const vendorCode = '307001030801/000901';
  const gonganEntry = entryFor('gongan', 902);

  beforeAll(async () => {
    sandbox = await startDemo({ selfApprove: true });
    vendor = clientFor(sandbox.url, 'vendor-demo');
    gongan = clientFor(sandbox.url, 'gongan');
    await publishEntry(gongan, gonganEntry);
    await gongan.records.batch(gonganEntry.code, { upsert: recordsFor(2) });
    // A vendor-owned draft as a database from before roles were enforced may hold one.
    const at = new Date(sandbox.clock.ms).toISOString();
    const entry = { ...entryFor('vendor-demo', 901), code: vendorCode };
    sandbox
      .db!.prepare(
        `INSERT INTO resources (code, provider_id, provider_code, name, status, share_type, update_cycle, entry,
           version, created_at, updated_at)
         VALUES (?, 'vendor-demo', ?, ?, 'draft', 'unconditional', 'daily', ?, 1, ?, ?)`,
      )
      .run(vendorCode, entry.provider.code, entry.name, JSON.stringify(entry), at, at);
  });
  afterAll(() => sandbox.close());

  it('refuses to create an entry of its own, even a valid one', async () => {
    const error = await expectProblem(
      vendor.catalog.create(entryFor('vendor-demo', 903)),
      403,
      'access.role_required',
    );
    expect(error.problem.zh).toBe('本部门的角色无权执行此操作，须具备以下角色之一：提供方（provider）');
    expect(error.problem.requiredRoles).toEqual(['provider']);
    await expectProblem(gongan.catalog.get('307001030801/000903'), 404, 'resource.not_found');
  });

  it('refuses a signed (HMAC) request alike', async () => {
    await expectProblem(
      clientFor(sandbox.url, 'vendor-demo', 'hmac').catalog.create(entryFor('vendor-demo', 904)),
      403,
      'access.role_required',
    );
  });

  it('refuses before reading the body: a malformed entry is not judged', async () => {
    const token = await tokenFor(sandbox.url, 'vendor-demo');
    const response = await fetch(`${sandbox.url}/v1/catalog/resources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'not a code' }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('access.role_required');
  });

  it('refuses every life-cycle step and update on its own entry, which stays as it was', async () => {
    const ifMatch = '*';
    await expectProblem(vendor.catalog.submit(vendorCode, { ifMatch }), 403, 'access.role_required');
    await expectProblem(vendor.catalog.register(vendorCode, { ifMatch }), 403, 'access.role_required');
    await expectProblem(vendor.catalog.publish(vendorCode, { ifMatch }), 403, 'access.role_required');
    await expectProblem(
      vendor.catalog.withdraw(vendorCode, { reason: '测试' }, { ifMatch }),
      403,
      'access.role_required',
    );
    await expectProblem(
      vendor.catalog.update(vendorCode, entryFor('vendor-demo', 901), { ifMatch }),
      403,
      'access.role_required',
    );
    const row = sandbox.db!.prepare('SELECT status, version FROM resources WHERE code = ?').get(vendorCode);
    expect(row).toEqual({ status: 'draft', version: 1 });
  });

  it('refuses to push records, to its own resource or anyone else’s, and nothing is written', async () => {
    const before = sandbox.db!.prepare('SELECT count(*) AS n FROM changes').get();
    await expectProblem(
      vendor.records.batch(vendorCode, { upsert: recordsFor(1, 'V') }),
      403,
      'access.role_required',
    );
    await expectProblem(
      vendor.records.batch(gonganEntry.code, { upsert: recordsFor(1, 'V') }),
      403,
      'access.role_required',
    );
    expect(sandbox.db!.prepare('SELECT count(*) AS n FROM changes').get()).toEqual(before);
  });

  it('refuses to decide share requests, which are a provider’s', async () => {
    const request = await vendor.shareRequests.create({
      resource: gonganEntry.code,
      purpose: '系统对接测试',
    });
    await expectProblem(vendor.shareRequests.approve(request.data.id), 403, 'access.role_required');
    expect((await gongan.shareRequests.get(request.data.id)).data.status).toBe('pending');
  });

  it('audits each refusal with its status', async () => {
    const events = [];
    for await (const event of clientFor(sandbox.url, 'dashuju').audit.list({ department: 'vendor-demo' }))
      events.push(`${event.action} ${event.status}`);
    expect(events.filter((e) => e === 'records.batch 403')).toHaveLength(2);
    expect(events).toContain('resource.create 403');
    expect(events).toContain('resource.publish 403');
  });
});

describe('roles of a seed of your own', () => {
  let sandbox: Demo;
  const seed = {
    selfApprove: false,
    departments: demoSeed.departments.map((department) => ({
      ...department,
      // 人社局 only reads; 市场监管局 only provides.
      roles:
        department.id === 'renshe'
          ? (['consumer'] as const)
          : department.id === 'shichang'
            ? (['provider'] as const)
            : department.roles,
    })),
  };
  const entry = entryFor('gongan', 910);

  beforeAll(async () => {
    sandbox = await startDemo({ seed: structuredClone(seed) as never, selfApprove: false });
    const gongan = clientFor(sandbox.url, 'gongan');
    const dashuju = clientFor(sandbox.url, 'dashuju');
    const created = await gongan.catalog.create(entry);
    const submitted = await gongan.catalog.submit(entry.code, { ifMatch: created.etag! });
    const registered = await dashuju.catalog.register(entry.code, { ifMatch: submitted.etag! });
    await dashuju.catalog.publish(entry.code, { ifMatch: registered.etag! });
    await gongan.records.batch(entry.code, { upsert: recordsFor(2) });
  });
  afterAll(() => sandbox.close());

  it('a consumer-only department reads but never creates an entry', async () => {
    const renshe = clientFor(sandbox.url, 'renshe');
    await expectProblem(renshe.catalog.create(entryFor('renshe', 911)), 403, 'access.role_required');
    const page = await renshe.records.query(entry.code).pages().next();
    expect(page.value?.items.map((record) => record.bh)).toEqual(['R00000000', 'R00000001']);
  });

  it('a provider-only department reads no other department’s records and asks for no access', async () => {
    const shichang = clientFor(sandbox.url, 'shichang');
    const error = await expectProblem(
      shichang.records.query(entry.code).pages().next(),
      403,
      'access.role_required',
    );
    expect(error.problem.requiredRoles).toEqual(['consumer', 'authority', 'vendor']);
    await expectProblem(
      shichang.shareRequests.create({ resource: entry.code, purpose: '核验' }),
      403,
      'access.role_required',
    );
  });

  it('without selfApprove a provider neither registers nor publishes its own entry', async () => {
    const gongan = clientFor(sandbox.url, 'gongan');
    const own = entryFor('gongan', 912);
    const created = await gongan.catalog.create(own);
    const submitted = await gongan.catalog.submit(own.code, { ifMatch: created.etag! });
    const error = await expectProblem(
      gongan.catalog.register(own.code, { ifMatch: submitted.etag! }),
      403,
      'access.role_required',
    );
    expect(error.problem.requiredRoles).toEqual(['authority']);
    expect((await gongan.catalog.get(own.code)).data.status).toBe('submitted');
  });

  it('the authority withdraws any entry', async () => {
    const dashuju = clientFor(sandbox.url, 'dashuju');
    const current = await dashuju.catalog.get(entry.code);
    const withdrawn = await dashuju.catalog.withdraw(
      entry.code,
      { reason: '数据来源已停用' },
      { ifMatch: current.etag! },
    );
    expect(withdrawn.data.status).toBe('withdrawn');
    expect(withdrawn.data.history?.at(-1)).toMatchObject({ status: 'withdrawn', by: 'dashuju' });
  });

  it('a consumer-only department is refused a batch before its body is judged', async () => {
    const token = await tokenFor(sandbox.url, 'renshe');
    const response = await fetch(
      `${sandbox.url}/v1/catalog/resources/${codePath(entry.code)}/records/batch`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': 'k1',
        },
        body: '{"upsert": 5}',
      },
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('access.role_required');
  });
});
