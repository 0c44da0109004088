import { rm } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file';
import type { HeldDeletes } from './pipeline';
import type { SyncResult } from './sync-options';

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
  const count = held.keys.length;
  return {
    heldDeletes: { count, keylessRejects: held.keylessRejects, file },
    deletesWithheld: `${count} deletions held because ${held.keylessRejects} rejected rows have no readable key; list: ${file}; review, then run again with allowDeletesWithRejects (--allow-deletes-with-rejects)`,
  };
}
