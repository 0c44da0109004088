import type { Command } from 'commander';

/** A command's module: it registers the command, with its options and action, on the program. */
export interface CommandModule {
  register(program: Command): void;
}

/**
 * One row per command. `unsilo --help` is written from this table alone, and a run loads only the module of the
 * command it names: importing every command (and with them the catalogue linter, the mapping engine, the sync
 * pipeline and the sandbox) cost each start about 0.2 s. `term` and `description` are what the module registers
 * (test/cli/command-loading.test.ts holds them equal).
 */
export interface CommandEntry {
  name: string;
  /** The command as the help's command list shows it: name, `[options]` and arguments. */
  term: string;
  description: string;
  load(): Promise<CommandModule>;
}

export const commands: readonly CommandEntry[] = [
  {
    name: 'lint',
    term: 'lint [options] [paths...]',
    description: '检查政务信息资源目录条目 / lint catalogue entries',
    load: () => import('./lint'),
  },
  {
    name: 'check',
    term: 'check [options] <kind> <values...>',
    description: '校验标识符 / validate identifiers',
    load: () => import('./check'),
  },
  {
    name: 'catalog',
    term: 'catalog',
    description: '目录填报模板与质量报告 / catalogue template and report',
    load: () => import('./catalog'),
  },
  {
    name: 'map',
    term: 'map',
    description: '字段映射：预览与转换 / field mappings: preview and run',
    load: () => import('./map'),
  },
  {
    name: 'publish',
    term: 'publish [options] <dir>',
    description: '校验并发布目录到交换平台 / lint, plan and publish the catalogue to the exchange',
    load: () => import('./publish'),
  },
  {
    name: 'sync',
    term: 'sync [options]',
    description: '推送遗留系统数据到交换平台（可续传）/ push a legacy export to the exchange, resumable',
    load: () => import('./sync'),
  },
  {
    name: 'quality',
    term: 'quality',
    description: '交换平台的数据质量 / data quality on the exchange',
    load: () => import('./quality'),
  },
  {
    name: 'records',
    term: 'records',
    description: '读取交换平台上的记录 / read records from the exchange',
    load: () => import('./records'),
  },
  {
    name: 'changes',
    term: 'changes',
    description: '信息资源的变更流 / a resource’s change feed',
    load: () => import('./changes'),
  },
  {
    name: 'access',
    term: 'access',
    description: '有条件共享：申请、审批与查询 / conditional sharing: request, approve, list',
    load: () => import('./access'),
  },
  {
    name: 'receipts',
    term: 'receipts',
    description: '同步回执 / sync receipts',
    load: () => import('./receipts'),
  },
  {
    name: 'review',
    term: 'review',
    description: '大数据局审核目录条目：待审、校验与差异、注册发布 / the authority reviews catalogue entries',
    load: () => import('./review'),
  },
  {
    name: 'clients',
    term: 'clients',
    description:
      '客户端凭证：添加、轮换、吊销、列出（大数据局）/ client credentials: add, rotate, revoke, list (the authority)',
    load: () => import('./clients'),
  },
  {
    name: 'erase',
    term: 'erase [options] <subject>',
    description:
      '删除数据主体的个人信息（大数据局）：先列出计划，加 --yes 才删除 / erase a data subject (the authority): shows the plan; --yes erases',
    load: () => import('./erase'),
  },
  {
    name: 'sandbox',
    term: 'sandbox [options]',
    description:
      '启动共享交换平台（SQLite 或 PostgreSQL）/ start the exchange on SQLite (or PostgreSQL with --database)',
    load: () => import('./sandbox'),
  },
  {
    name: 'conformance',
    term: 'conformance [options]',
    description: '检验交换平台是否遵守接口契约 / check that an exchange keeps the contract',
    load: () => import('./conformance'),
  },
  {
    name: 'proxy',
    term: 'proxy [options] [command...]',
    description:
      '检查应用的请求是否符合接口规范（合规代理）/ check an application against the contract, as a proxy',
    load: () => import('./proxy'),
  },
];
