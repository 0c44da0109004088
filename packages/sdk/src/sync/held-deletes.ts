import { rm } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file';
import type { HeldDeletesReason } from './delete-guard';
import type { HeldDeletes } from './pipeline';
import type { HeldDeletesSummary, SyncResult } from './sync-options';

/**
 * The result's account of the deletes a completed snapshot run held back: their keys go to `file` (one object
 * of key fields per line) for review. A run that held none removes the list an earlier run left, so a list on
 * disk is always the last run's.
 */
export async function recordHeldDeletes(
  held: HeldDeletes | undefined,
  file: string | undefined,
): Promise<Pick<SyncResult, 'heldDeletes' | 'deletesWithheld'>> {
  if (!file) return {};
  if (!held) {
    await rm(file, { force: true });
    return {};
  }
  await writeFileAtomic(file, held.keys.map((key) => `${JSON.stringify(key)}\n`).join(''));
  const { reason, keylessRejects, known } = held;
  const heldDeletes: HeldDeletesSummary = { reason, count: held.keys.length, keylessRejects, known, file };
  return { heldDeletes, deletesWithheld: heldDeletesMessage(heldDeletes, 'sdk').en };
}

/** The allowance that lets each reason's deletes go: its CLI flag and its SDK option. */
const allowances: Record<HeldDeletesReason, { flag: string; option: string }> = {
  'empty-input': { flag: '--allow-empty-snapshot', option: 'allowEmptySnapshot' },
  'mass-delete': { flag: '--allow-mass-delete', option: 'allowMassDelete' },
  'keyless-rejects': { flag: '--allow-deletes-with-rejects', option: 'allowDeletesWithRejects' },
};

/**
 * Held deletes in a sentence, in English and Chinese: how many, why, where the list is and how to apply them;
 * `naming`: the allowance as the CLI flag, or as the SDK option (with its flag).
 */
export function heldDeletesMessage(
  held: HeldDeletesSummary,
  naming: 'cli' | 'sdk',
): { en: string; zh: string } {
  const { reason, count, keylessRejects, known, file } = held;
  const { flag, option } = allowances[reason];
  const allow = naming === 'cli' ? flag : `${option} (${flag})`;
  switch (reason) {
    case 'empty-input':
      return {
        en: `${count} deletions held because the input has no data rows while the last run left ${known} records; check the export job; list: ${file}; if the department really has no records left, run again with ${allow}`,
        zh: `保留 ${count} 个删除：输入文件没有数据行，而上次运行留下 ${known} 条记录；请检查导出任务；清单：${file}；如本部门确实已无记录，加 ${allow} 再次运行`,
      };
    case 'mass-delete':
      return {
        en: `${count} deletions held because ${count} of the ${known} records of the last run vanished (more than half); check the export job; list: ${file}; review, then run again with ${allow}`,
        zh: `保留 ${count} 个删除：上次运行的 ${known} 条记录中有 ${count} 条不在输入中（超过一半，导出可能不完整）；请检查导出任务；清单：${file}；核对后加 ${allow} 再次运行`,
      };
    case 'keyless-rejects':
      return {
        en: `${count} deletions held because ${keylessRejects} rejected rows have no readable key; list: ${file}; review, then run again with ${allow}`,
        zh: `保留 ${count} 个删除：${keylessRejects} 条拒收行没有可读的主键；清单：${file}；核对后加 ${allow} 再次运行`,
      };
  }
}
