// 市场监管局 pushes its enterprise registry (an XLSX export under a merged title row) in snapshot mode.
//
//   npm run example:shichang     (or: node --conditions=source --import tsx examples/shichang-enterprise/run.ts)
//
// Against a running exchange, set UNSILO_EXCHANGE_URL, UNSILO_CLIENT_ID and UNSILO_CLIENT_SECRET; without them
// the script starts a local sandbox in memory with the demo departments. The monthly exports are written to a
// temporary folder, removed at the end (ENTERPRISES=… sets their size).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectExampleExchange } from '../shared/example-exchange';
import { formatRejectReasons } from '../shared/rejects-summary';
import { runEnterpriseExample } from './enterprise-example';

// The sandbox's public demo login, for when the environment names none; a real secret only ever comes from there.
const { client, close } = await connectExampleExchange({
  clientId: 'shichang-demo',
  clientSecret: 'shichang-demo-secret-7c3f6a1e',
});
const dir = mkdtempSync(join(tmpdir(), 'unsilo-shichang-'));
const figures = (r: {
  read: number;
  accepted: number;
  rejected: number;
  unchanged: number;
  deleted: number;
}) =>
  `read ${r.read}, accepted ${r.accepted}, rejected ${r.rejected}, unchanged ${r.unchanged}, deleted ${r.deleted}`;
try {
  const run = await runEnterpriseExample({
    client,
    dir,
    enterprises: Number(process.env.ENTERPRISES ?? 1_000),
  });
  console.log(`5 月导出 / May's export: ${figures(run.first)}`);
  for (const line of formatRejectReasons(run.firstRejects)) console.log(line);
  console.log(`6 月导出 / June's export: ${figures(run.second)}`);
  if (run.second.heldDeletes) {
    const { count, keylessRejects } = run.second.heldDeletes;
    console.log(
      `  ${count} 个删除暂缓：${keylessRejects} 条拒收行没有可读的主键 / deletions held: rejected rows without a readable key`,
    );
  }
  console.log(`核对后再次运行 / after review (allowDeletesWithRejects): ${figures(run.reviewed)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await close();
}
