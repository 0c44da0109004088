import { canonicalJson } from '../../client/receipts';
import { expectContractAnswer, expectEqual, expectRefused } from '../assert';
import type { ConformanceCheck, ConformanceRole } from '../types';

const everyRole: readonly ConformanceRole[] = ['providerA', 'providerB', 'vendor', 'authority'];

/** GB/T 2261.1 (人的性别代码), a national code set of the contract's data, and its four codes. */
const SEX_CODESET = { id: 'gbt-2261-1', name: 'GB/T 2261.1', codes: ['0', '1', '2', '9'] };

/** An id no exchange issues: code-set and department ids are lower case, digits and '-'. */
const UNKNOWN_ID = 'unsilo-conformance-no-such-id-0';

/** A department as compared: members and roles in canonical order (neither order is the contract's). */
function same(department: { roles: string[] } | undefined): string {
  return department === undefined
    ? 'absent'
    : canonicalJson({ ...department, roles: [...department.roles].sort() });
}

export const readsChecks: ConformanceCheck[] = [
  {
    id: 'reads/health',
    title: { zh: '无需凭据即可查询运行状态', en: 'health answers without credentials' },
    spec: 'getHealth',
    async run(context) {
      const response = await context.raw('getHealth', '/v1/health');
      const health = (await expectContractAnswer('getHealth', response, 200, 'getHealth')) as {
        status: string;
      };
      expectEqual(health.status, 'ok', 'health status');
    },
  },
  {
    id: 'reads/codesets',
    title: {
      zh: '各角色均可列出并查询国家标准代码集（GB/T 2261.1）',
      en: 'every role lists and gets a national code set (GB/T 2261.1)',
    },
    spec: 'listCodeSets, getCodeSet',
    async run(context) {
      for (const role of everyRole) {
        const client = context.client(role).codesets;
        const listed = (await client.list().toArray()).find((set) => set.id === SEX_CODESET.id);
        expectEqual(listed?.name, SEX_CODESET.name, `${role}: ${SEX_CODESET.id} in listCodeSets`);
        const set = (await client.get(SEX_CODESET.id)).data;
        expectEqual(set.id, SEX_CODESET.id, `${role}: getCodeSet id`);
        const codes = set.codes.map((c) => c.code).sort();
        expectEqual(codes, SEX_CODESET.codes, `${role}: codes of ${SEX_CODESET.name}`);
      }
    },
  },
  {
    id: 'reads/codeset-unknown',
    title: { zh: '不存在的代码集返回 404', en: 'an unknown code set is a 404 problem' },
    spec: 'getCodeSet',
    async run(context) {
      const call = context.client('providerA').codesets.get(UNKNOWN_ID);
      const code = await expectRefused(call, 404, 'getCodeSet of an unknown id');
      expectEqual(code, 'codeset.not_found', 'getCodeSet of an unknown id: problem code');
    },
  },
  {
    id: 'reads/departments',
    title: {
      zh: '各角色在部门列表中找到本部门，按 ID 查询与 getMe 一致',
      en: 'each role finds its own department in the list, and getDepartment answers what getMe does',
    },
    spec: 'listDepartments, getDepartment, getMe',
    async run(context) {
      for (const role of everyRole) {
        const client = context.client(role).departments;
        const me = (await client.me()).data;
        const listed = await client.list().toArray();
        const inList = listed.find((d) => d.id === me.id);
        expectEqual(same(inList), same(me), `${role}: its department in listDepartments`);
        const ids = listed.map((d) => d.id);
        // The contract orders the list by id (ids are ASCII: code-unit order is byte order).
        expectEqual(ids, [...ids].sort(), `${role}: listDepartments ordered by id`);
        expectEqual(same((await client.get(me.id)).data), same(me), `${role}: getDepartment(${me.id})`);
      }
    },
  },
  {
    id: 'reads/department-unknown',
    title: { zh: '不存在的部门返回 404', en: 'an unknown department is a 404 problem' },
    spec: 'getDepartment',
    async run(context) {
      const call = context.client('vendor').departments.get(UNKNOWN_ID);
      const code = await expectRefused(call, 404, 'getDepartment of an unknown id');
      expectEqual(code, 'department.not_found', 'getDepartment of an unknown id: problem code');
    },
  },
];
