import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExchangeClient } from '@unsilo/sdk';
import { publishCatalog } from '@unsilo/sdk/publish';
import { type SyncResult, syncFile } from '@unsilo/sdk/sync';
import { type RejectReason, topRejectReasons } from '../shared/rejects-summary';
import { enterpriseRows, writeEnterpriseXlsx } from './generate-data';

export const ENTERPRISE_RESOURCE = '307004020101/000003';
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export interface EnterpriseRun {
  /** May's export, whole. */
  first: SyncResult;
  firstRejects: RejectReason[];
  /**
   * June's export: some enterprises deregistered (gone from it), some moved, some new. Its deletions are held:
   * rows rejected for their USCC have no readable key, so any of them could be a "vanished" enterprise.
   */
  second: SyncResult;
  /** June's export again, once the held list was reviewed (`allowDeletesWithRejects`): the deletions go. */
  reviewed: SyncResult;
}

/**
 * 市场监管局's monthly job in snapshot mode: each export is the whole registry, so sync sends only the rows
 * that are new or changed since the last export and deletes the enterprises that left it. `client` is
 * 市场监管局's; the exports are written into `dir`.
 */
export async function runEnterpriseExample(options: {
  client: ExchangeClient;
  dir: string;
  enterprises: number;
}): Promise<EnterpriseRun> {
  const { client, dir, enterprises } = options;
  const published = await publishCatalog({ dir: here('./catalog'), client });
  if (published.failures.length > 0) throw new Error(JSON.stringify(published.failures));
  const checkpoint = join(dir, '.unsilo/sync/enterprise.json');
  const run = (input: string, allowDeletesWithRejects = false) =>
    syncFile({
      mapping: here('./enterprise.mapping.yaml'),
      input,
      client,
      mode: 'snapshot',
      checkpoint,
      allowDeletesWithRejects,
    });

  const may = join(dir, 'enterprises-2024-05.xlsx');
  await writeEnterpriseXlsx(may, enterpriseRows(enterprises), '2024-05-31');
  const first = await run(may);
  const firstRejects = first.rejectsFile ? await topRejectReasons(first.rejectsFile) : [];

  const june = join(dir, 'enterprises-2024-06.xlsx');
  await writeEnterpriseXlsx(june, juneRows(enterprises), '2024-06-30');
  const second = await run(june);
  const reviewed = await run(june, true);
  return { first, firstRejects, second, reviewed };
}

/** A month later: every 25th enterprise deregistered (gone from the export), every 20th moved, ten new. */
export function juneRows(enterprises: number) {
  return [...enterpriseRows(enterprises), ...enterpriseRows(10, enterprises)]
    .map((row, e) =>
      e % 20 === 19 ? { ...row, 住所所在区县: row.住所所在区县 === '330110' ? '330108' : '330110' } : row,
    )
    .filter((_, e) => e % 25 !== 24);
}
