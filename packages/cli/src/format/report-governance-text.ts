import type { Lang, SystemScope } from '@unsilo/sdk/catalog';

/** The words of the governance sections of `unsilo catalog report` (roster, systems, services and powers). */
export interface GovernanceText {
  rosterTitle: [string, string];
  filedNothing: (none: number, total: number) => string;
  allFiled: string;
  rosterHead: [string, string, string, string, string];
  unlisted: string;
  systemsTitle: [string, string];
  systemsKpi: { total: string; withoutEntries: string; notConnected: string; withoutSystem: string };
  scopes: string;
  scope: Record<SystemScope | 'unknown', string>;
  systemsWithoutEntries: string;
  systemsNotConnected: string;
  entriesWithoutSystem: string;
  entriesWithUnknownSystem: string;
  systemHead: [string, string, string];
  mattersTitle: [string, string];
  mattersKpi: { services: string; powers: string; unnamed: string; unmet: string };
  unmetNeeds: string;
  unmetHead: [string, string, string];
  unnamed: string;
  kind: { service: string; power: string };
  more: (n: number) => string;
  none: string;
}

const zh: GovernanceText = {
  rosterTitle: ['部门编目情况', '按部门名册'],
  filedNothing: (none, total) => `${total} 个部门中有 ${none} 个未编制任何目录`,
  allFiled: '名册中的每个部门都已编制目录',
  rosterHead: ['部门', '统一社会信用代码', '条目', '完整度', '错误'],
  unlisted: '不在名册中的提供方',
  systemsTitle: ['信息系统', '按系统登记表'],
  systemsKpi: {
    total: '登记的信息系统',
    withoutEntries: '没有目录条目的系统',
    notConnected: '未接入交换平台',
    withoutSystem: '未指明所在系统的条目',
  },
  scopes: '共享范围分布',
  scope: {
    standalone: '单机运行',
    office: '处室内部',
    department: '部门内部',
    'cross-department': '跨部门共享',
    none: '不共享',
    unknown: '未填写',
  },
  systemsWithoutEntries: '没有目录条目的信息系统',
  systemsNotConnected: '未接入交换平台的信息系统',
  entriesWithoutSystem: '未指明所在信息系统的条目',
  entriesWithUnknownSystem: '所指信息系统不在登记表中的条目',
  systemHead: ['系统标识', '名称', '所属部门'],
  mattersTitle: ['政务服务与权力事项', '需求侧：事项所需数据是否已编目'],
  mattersKpi: {
    services: '政务服务事项',
    powers: '权力事项',
    unnamed: '没有任何条目支撑的事项',
    unmet: '所需数据未编目的事项',
  },
  unmetNeeds: '所需数据尚无目录条目的事项',
  unmetHead: ['事项', '类别', '未编目的数据'],
  unnamed: '没有任何条目关联的事项',
  kind: { service: '政务服务事项', power: '权力事项' },
  more: (n) => `……另有 ${n} 项`,
  none: '无',
};

const en: GovernanceText = {
  rosterTitle: ['Departments', 'against the roster'],
  filedNothing: (none, total) => `${none} of ${total} departments filed nothing`,
  allFiled: 'Every department of the roster has filed entries',
  rosterHead: ['Department', 'Credit code', 'Entries', 'Completeness', 'Errors'],
  unlisted: 'Providers not on the roster',
  systemsTitle: ['Information systems', 'against the systems registry'],
  systemsKpi: {
    total: 'Registered systems',
    withoutEntries: 'Systems without entries',
    notConnected: 'Not connected to the exchange',
    withoutSystem: 'Entries naming no system',
  },
  scopes: 'Sharing scopes',
  scope: {
    standalone: 'Standalone',
    office: 'Within one office',
    department: 'Within the department',
    'cross-department': 'Across departments',
    none: 'Not shared',
    unknown: 'Not stated',
  },
  systemsWithoutEntries: 'Systems with no catalogue entry',
  systemsNotConnected: 'Systems not connected to the exchange',
  entriesWithoutSystem: 'Entries that name no system',
  entriesWithUnknownSystem: 'Entries naming a system the registry does not list',
  systemHead: ['System id', 'Name', 'Department'],
  mattersTitle: ['Services and powers', 'demand side: is the data they need catalogued'],
  mattersKpi: {
    services: 'Services',
    powers: 'Powers',
    unnamed: 'Matters no entry supports',
    unmet: 'Matters needing uncatalogued data',
  },
  unmetNeeds: 'Matters whose data needs have no catalogue entry',
  unmetHead: ['Matter', 'Kind', 'Data not catalogued'],
  unnamed: 'Matters that no entry names',
  kind: { service: 'Service', power: 'Power' },
  more: (n) => `… and ${n} more`,
  none: 'None',
};

export const GOVERNANCE_TEXT: Record<Lang, GovernanceText> = { zh, en };
