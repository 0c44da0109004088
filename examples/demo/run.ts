/**
 * The main job of a department developer, end to end, on an embedded sandbox exchange:
 * lint the catalogue → publish it → preview the mapping of a legacy GBK export → sync it (rejects kept, receipts
 * verified) → sync again after the legacy system changed (only the changes travel) → another department asks for
 * the data, the provider approves, the consumer reads it → 公安局 (SQLite, sex 0/1) and 市场监管局 (XLSX, M/F) push
 * theirs, and one person's sex, three conventions at the source, is one standard code on the exchange → 公安局
 * sees where its register and 民政局's data disagree about the same people (多元校核).
 *
 * Run: npm run demo   (uses the built packages; the CLI runs as a user runs it)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@unsilo/sandbox';
import { createExchangeClient, ExchangeHttpError, verifyReceipt } from '@unsilo/sdk';
import iconv from 'iconv-lite';
import { columns, type PopulationRow, populationRow } from '../minzheng-population/generate-data';
import { formatRejectReasons, type RejectReason, topRejectReasons } from '../shared/rejects-summary';
import {
  approveEnterpriseShare,
  crossDepartmentView,
  pushHouseholdRegister,
  type SexSeen,
  writeEnterpriseExport,
} from './three-departments';

const root = fileURLToPath(new URL('../..', import.meta.url));
const example = join(root, 'examples/minzheng-population');
// The built CLI, as a user runs it; the sources when the demo itself runs from them (the tests do).
const fromSources = process.execArgv.some((a) => a.includes('conditions=source'));
const cli = fromSources
  ? [
      '--conditions=source',
      '--import',
      join(root, 'node_modules/tsx/dist/loader.mjs'),
      join(root, 'packages/cli/src/bin.ts'),
    ]
  : [join(root, 'packages/cli/dist/bin.js')];
// Everything the demo writes goes here, and the folder is removed at the end (DEMO_KEEP=1 keeps it).
const work = mkdtempSync(join(tmpdir(), 'unsilo-demo-'));
const ROWS = Number(process.env.DEMO_ROWS ?? 20_000);

const heading = (zh: string, en: string) => console.log(`\n\x1b[1m▶ ${zh} / ${en}\x1b[0m`);

/** Runs the CLI as a user would. Asynchronous: the sandbox answers from this same process meanwhile. */
function unsilo(args: string[], env: Record<string, string> = {}): Promise<string> {
  console.log(`$ unsilo ${args.join(' ')}`);
  const child = spawn(process.execPath, [...cli, ...args], {
    cwd: work,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    process.stdout.write(chunk);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      // Exit 1 means "done, with findings or rejected rows": the demo shows those on purpose.
      if (status === 0 || status === 1) resolve(stdout);
      else reject(new Error(`unsilo ${args[0]} exited with ${status}`));
    });
  });
}

/** The civil-affairs system's export: GBK CSV with its own codes, a few rows as bad as real exports get. */
function writeLegacyExport(file: string, rows: PopulationRow[]) {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c])).join(','))];
  writeFileSync(file, iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'));
}

function legacyRows(count: number, updated?: string): PopulationRow[] {
  const rows = Array.from({ length: count }, (_, i) => populationRow(i, updated));
  // What legacy data looks like: an old 15-digit ID number (upgraded on the way), a code the mapping does not
  // know, an impossible date.
  const old = rows[7]!.SFZH;
  rows[7] = { ...rows[7]!, SFZH: `${old.slice(0, 6)}${old.slice(8, 17)}` };
  rows[42] = { ...rows[42]!, XB: '3' };
  rows[99] = { ...rows[99]!, CSRQ: '19850230' };
  return rows;
}

/** The JSON line a `--format json` command printed last. */
function lastLine(stdout: string): string {
  return stdout.trim().split('\n').at(-1) ?? '{}';
}

/** The most frequent reasons rows were rejected for, each with its first row, and where the full list is. */
async function showRejects(file: string | undefined): Promise<RejectReason[]> {
  if (!file) return [];
  const reasons = await topRejectReasons(file);
  console.log(
    '拒收原因（最多的在前，每种附第一行）/ Why rows were rejected, most frequent first, with a row each:',
  );
  for (const line of formatRejectReasons(reasons)) console.log(line);
  console.log(`拒收明细（每行一条，含原因与原始行）/ Every rejected row with its reasons: ${file}`);
  return reasons;
}

function showSexes(person: { id: string; name: string; seen: SexSeen[] }) {
  console.log(`  ${person.name}  ${person.id}`);
  for (const s of person.seen) {
    console.log(
      `  ${s.department}（${s.convention}）：${JSON.stringify(s.legacy)} → ${JSON.stringify(s.standard)}`,
    );
  }
}

const sandbox = await startSandbox({ memory: true, selfApprove: true });
try {
  heading('启动内置沙箱交换平台', 'Embedded sandbox exchange');
  console.log(`${sandbox.url}  (departments: ${sandbox.clients.map((c) => c.name).join('、')})`);
  console.log(
    `工作目录（结束时删除，DEMO_KEEP=1 保留）/ work folder (removed at the end; DEMO_KEEP=1 keeps it): ${work}`,
  );
  const minzheng = {
    UNSILO_EXCHANGE_URL: sandbox.url,
    UNSILO_CLIENT_ID: 'minzheng-demo',
    UNSILO_CLIENT_SECRET: 'minzheng-demo-secret-8b4d0c3f',
  };

  heading('按国家规则检查目录条目', 'Lint the catalogue entry');
  await unsilo(['lint', join(example, 'catalog'), '--lang', 'zh']);

  heading(
    '发布目录：先计划，再按生命周期提交、注册、发布',
    'Publish the catalogue: plan, then the life cycle',
  );
  await unsilo(['publish', join(example, 'catalog')], minzheng);

  const csv = join(work, 'minzheng-export.csv');
  writeLegacyExport(csv, legacyRows(ROWS));
  const mapping = join(example, 'population.mapping.yaml');
  const catalog = ['--catalog', join(example, 'catalog')];

  heading('预览字段映射（GBK 导出 → 标准记录）', 'Preview the field mapping');
  await unsilo(['map', 'preview', '-m', mapping, '-i', csv, '--limit', '3', ...catalog]);

  heading(
    `同步 ${ROWS.toLocaleString()} 行到交换平台（快照模式）`,
    `Sync ${ROWS.toLocaleString()} rows (snapshot mode)`,
  );
  const checkpoint = join(work, '.unsilo/sync/population.json');
  const syncArgs = [
    'sync',
    '-m',
    mapping,
    '-i',
    csv,
    '--mode',
    'snapshot',
    '--checkpoint',
    checkpoint,
    '--no-progress',
  ];
  const firstSync = JSON.parse(lastLine(await unsilo([...syncArgs, '--format', 'json'], minzheng)));
  // The next run rewrites the rejects file: the reasons are read now.
  const rejectReasons = await showRejects(firstSync.rejects);

  heading('遗留系统变化后再次同步：只发送变化', 'The legacy system changed: only the changes travel');
  const changed = legacyRows(ROWS);
  for (let i = Math.floor(ROWS / 2); i < Math.floor(ROWS / 2) + ROWS / 100; i += 1)
    changed[i] = { ...changed[i]!, JZLB: '特困' === changed[i]!.JZLB ? '低保' : '特困' };
  writeLegacyExport(csv, changed.slice(0, ROWS - ROWS / 200));
  await unsilo([...syncArgs, '--format', 'json'], minzheng);

  heading('回执验签：部门的交付证明', 'Verify the signed receipts: the department’s proof of delivery');
  const client = (id: string, secret: string) =>
    createExchangeClient({
      baseUrl: sandbox.url,
      auth: { type: 'clientCredentials', clientId: id, clientSecret: secret },
    });
  const minzhengClient = client('minzheng-demo', 'minzheng-demo-secret-8b4d0c3f');
  const keys = (await minzhengClient.receiptKeys()).data;
  const receipts = readFileSync(checkpoint.replace(/\.json$/, '.receipts.ndjson'), 'utf8')
    .trim()
    .split('\n');
  let valid = 0;
  for (const line of receipts)
    if ((await verifyReceipt(JSON.parse(line).receipt ?? JSON.parse(line), keys)).valid) valid += 1;
  console.log(`${valid}/${receipts.length} receipts verified with key ${keys.keys[0]?.kid}`);

  heading('公安局查看目录并申请有条件共享', 'Another department finds the resource and asks for it');
  const gongan = client('gongan-demo', 'gongan-demo-secret-2f9c1e7a');
  for await (const r of gongan.catalog.list({ status: 'published' })) {
    console.log(`  ${r.code}  ${r.name}  [${r.provider.name} · ${r.shareType} · ${r.updateCycle}]`);
  }
  const code = '307002010101/000001';
  try {
    await gongan.records.query(code, { limit: 1 }).pages().next();
  } catch (error) {
    if (!(error instanceof ExchangeHttpError)) throw error;
    console.log(`  ${error.status} ${error.problem?.code}: ${error.problem?.zh ?? error.problem?.title}`);
  }
  const request = await gongan.shareRequests.create({
    resource: code,
    purpose: '户籍核验业务中核对救助对象身份',
  });
  await minzhengClient.shareRequests.approve(request.data.id);
  console.log(`  share request ${request.data.id} approved by 民政局`);
  let shown = 0;
  for await (const record of gongan.records.query(code, { limit: 3 })) {
    console.log(`  ${JSON.stringify(record)}`);
    if (++shown === 3) break;
  }

  heading(
    '三个部门、三种性别代码，交换平台上是同一个标准（GB/T 2261.1）',
    'Three departments, three sex codes, one standard on the exchange',
  );
  const household = await pushHouseholdRegister(gongan, work, Math.min(ROWS, 2_000));
  console.log(
    `  公安局 户籍库（SQLite，0 男 / 1 女）/ household register: read ${household.read}, accepted ${household.accepted}, rejected ${household.rejected}`,
  );
  const shichang = {
    UNSILO_EXCHANGE_URL: sandbox.url,
    UNSILO_CLIENT_ID: 'shichang-demo',
    UNSILO_CLIENT_SECRET: 'shichang-demo-secret-7c3f6a1e',
  };
  const registry = join(root, 'examples/shichang-enterprise');
  await unsilo(['publish', join(registry, 'catalog')], shichang);
  const xlsx = await writeEnterpriseExport(work, Math.min(ROWS, 1_000));
  const enterprises = JSON.parse(
    lastLine(
      await unsilo(
        [
          'sync',
          '-m',
          join(registry, 'enterprise.mapping.yaml'),
          '-i',
          xlsx,
          '--mode',
          'snapshot',
          '--no-progress',
          '--format',
          'json',
        ],
        shichang,
      ),
    ),
  );
  heading('跨部门视图：同一个人（公安局读取）', 'The cross-department view: one person, read back by 公安局');
  await approveEnterpriseShare(gongan, client('shichang-demo', shichang.UNSILO_CLIENT_SECRET));
  const person = await crossDepartmentView(gongan);
  showSexes(person);

  heading(
    '多元校核：公安局与民政局对同一批人的记录不一致之处',
    'Cross-checking: where 公安局 and 民政局 disagree about the same people',
  );
  // 公安局 sees the values too: 民政局 approved its request above. The figures alone go to anyone concerned.
  const gonganEnv = {
    UNSILO_EXCHANGE_URL: sandbox.url,
    UNSILO_CLIENT_ID: 'gongan-demo',
    UNSILO_CLIENT_SECRET: 'gongan-demo-secret-2f9c1e7a',
  };
  const conflictLines = (await unsilo(['quality', 'conflicts', '--lang', 'zh'], gonganEnv))
    .trim()
    .split('\n');

  heading('数据质量：完整性、拒收率、时效', 'Quality: completeness, reject rate, freshness');
  const quality = (await minzhengClient.quality.get(code)).data;
  console.log(
    // Rows refused before sending count too: the sync runs reported them (the rate `unsilo sync` printed).
    `  records ${quality.records}, reject rate ${(quality.rowRejectRate * 100).toFixed(2)} % of ${quality.rowsRead} rows read ` +
      `(refused locally ${quality.refusedLocally.total}, rejected by the exchange ${quality.rejectedByExchange}), stale: ${quality.stale}, ` +
      `completeness ${quality.completeness.map((c) => `${c.item} ${(c.ratio * 100).toFixed(0)}%`).join(', ')}`,
  );
  const summary = {
    rows: ROWS,
    minzheng: { read: firstSync.read, accepted: firstSync.accepted, rejected: firstSync.rejected },
    rejectReasons: rejectReasons.map((r) => ({
      rule: r.rule,
      field: r.field,
      count: r.count,
      row: r.example.row,
    })),
    receipts: { verified: valid, total: receipts.length },
    gongan: { read: household.read, accepted: household.accepted, rejected: household.rejected },
    shichang: { read: enterprises.read, accepted: enterprises.accepted, rejected: enterprises.rejected },
    person,
    conflicts: conflictLines,
  };
  if (process.env.DEMO_SUMMARY_FILE) writeFileSync(process.env.DEMO_SUMMARY_FILE, JSON.stringify(summary));

  heading('下一步', 'What to do next');
  console.log(
    [
      '  用自己部门的目录条目和导出走一遍：docs/tutorial.md（在 VS Code 中编写条目、检查、映射、预览、发布、同步、回执）',
      '  Do the same with your own entry and export: docs/tutorial.md (write, lint, map, preview, publish, sync, receipts)',
      '  示例 / examples: examples/minzheng-population (GBK CSV) · examples/gongan-household (SQLite, incremental)',
      '                   examples/shichang-enterprise (XLSX, snapshot) · examples/vendor-app (a vendor with the SDK)',
    ].join('\n'),
  );
} finally {
  await sandbox.close();
  if (process.env.DEMO_KEEP === '1') console.log(`\nwork files kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
