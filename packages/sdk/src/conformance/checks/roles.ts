import { type OperationId, operationMap } from '../../generated/operations';
import { expectEqual, expectProblemResponse, expectRefused } from '../assert';
import { conformanceRecords } from '../fixtures/entry';
import type { CheckContext, ConformanceCheck } from '../types';
import { asBatchRecords } from './access';
import { grantToken } from './auth';

/** The path parameter of share requests, for operations refused before the request is looked at. */
const ANY_REQUEST_ID = 'unsilo-conformance-no-such-request';

/**
 * Operations whose roles (and roles admitted where providers approve their own entries) exclude the vendor.
 * `createResource` has its own check below, kept apart so that its failure names it alone.
 */
const vendorRefused = (Object.keys(operationMap) as OperationId[]).filter((id) => {
  const route = operationMap[id] as { roles?: readonly string[]; selfApproveRoles?: readonly string[] };
  const allowed = [...(route.roles ?? []), ...(route.selfApproveRoles ?? [])];
  return route.roles !== undefined && !allowed.includes('vendor') && id !== 'createResource';
});

/** What the vendor gets for one operation it may not call, sent with an empty JSON body where it takes one. */
async function vendorAnswer(context: CheckContext, id: OperationId, token: string, code: string) {
  const route = operationMap[id];
  const path = route.path.replace('{code}', encodeURIComponent(code)).replace('{id}', ANY_REQUEST_ID);
  const sendsBody = route.method === 'post' || route.method === 'put';
  const response = await context.raw(id, path, {
    method: route.method.toUpperCase(),
    headers: {
      authorization: `Bearer ${token}`,
      ...(sendsBody ? { 'content-type': 'application/json' } : {}),
    },
    ...(sendsBody ? { body: '{}' } : {}),
  });
  return expectProblemResponse(response, 403, `vendor ${id}`).catch((error: Error) => error.message);
}

/** A fresh published entry of providerA and its ETag as providerB sees it. */
async function othersEntry(context: CheckContext): Promise<{ code: string; etag: string }> {
  const { code } = await context.fixtures.publishNew('providerA');
  const seen = await context.client('providerB').catalog.get(code);
  return { code, etag: seen.etag! };
}

async function expectStillPublished(context: CheckContext, code: string): Promise<void> {
  const now = await context.client('authority').catalog.get(code);
  expectEqual(now.data.status, 'published', 'status after the refused steps');
}

export const roleChecks: ConformanceCheck[] = [
  {
    id: 'roles/vendor-cannot-create-entry',
    title: { zh: '软件厂商不能创建目录条目（403）', en: 'a vendor cannot create a catalogue entry (403)' },
    spec: 'createResource',
    async run(context) {
      // The role is refused before the body is read, so an empty body is enough.
      const call = context.client('vendor').request('createResource', { body: {} } as never);
      await expectRefused(call, 403, 'vendor createResource');
    },
  },
  {
    id: 'roles/vendor-refused-by-role',
    title: {
      zh: '软件厂商调用角色不允许的每个操作均被拒绝（403 access.role_required）',
      en: 'every operation whose roles exclude the vendor is refused to it (403 access.role_required)',
    },
    spec: vendorRefused.join(', '),
    async run(context) {
      const { token } = await grantToken(context, 'vendor');
      const { code } = await context.fixtures.published('unconditional');
      const wrong: string[] = [];
      for (const id of vendorRefused) {
        const answer = await vendorAnswer(context, id, token, code);
        if (answer !== 'access.role_required') wrong.push(`${id}: ${answer}`);
      }
      if (wrong.length > 0) throw new Error(`expected 403 access.role_required; ${wrong.join('; ')}`);
    },
  },
  {
    id: 'roles/others-cannot-review-entry',
    title: {
      zh: '非管理方不能注册、发布其他部门的条目（403）',
      en: 'a department that is not the authority cannot register or publish another department’s entry (403)',
    },
    spec: 'registerResource, publishResource',
    async run(context) {
      const { code, etag } = await othersEntry(context);
      const catalog = context.client('providerB').catalog;
      // Refused by role (no self-approval) or by whose entry it is (self-approval): 403 on either exchange.
      const allowedCodes = ['access.role_required', 'access.forbidden'];
      const steps = {
        register: () => catalog.register(code, { ifMatch: etag }),
        publish: () => catalog.publish(code, { ifMatch: etag }),
      };
      for (const [step, call] of Object.entries(steps)) {
        const problem = await expectRefused(call(), 403, `providerB ${step}`);
        if (!allowedCodes.includes(problem)) throw new Error(`providerB ${step}: problem code ${problem}`);
      }
      await expectStillPublished(context, code);
    },
  },
  {
    id: 'roles/others-cannot-change-entry',
    title: {
      zh: '其他提供方不能修改、撤销他人条目或向其推送记录（403 access.forbidden）',
      en: 'another provider cannot update, withdraw or push records to an entry not its own (403 access.forbidden)',
    },
    spec: 'updateResource, withdrawResource, batchRecords',
    async run(context) {
      const { code, etag } = await othersEntry(context);
      const client = context.client('providerB');
      const entry = (await client.catalog.get(code)).data.entry;
      const calls = {
        updateResource: () => client.catalog.update(code, entry, { ifMatch: etag }),
        withdrawResource: () => client.catalog.withdraw(code, { reason: '检验' }, { ifMatch: etag }),
        batchRecords: () =>
          client.records.batch(code, { upsert: asBatchRecords(conformanceRecords(1, 'RC')) }),
      };
      for (const [id, call] of Object.entries(calls)) {
        expectEqual(
          await expectRefused(call(), 403, `providerB ${id}`),
          'access.forbidden',
          `${id} problem code`,
        );
      }
      await expectStillPublished(context, code);
    },
  },
];
