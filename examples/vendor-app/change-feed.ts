import { readFile } from 'node:fs/promises';
import type { ExchangeClient, ListItem } from '@unsilo/sdk';
import { writeFileAtomic } from '@unsilo/sdk/sync';

/** One item of the exchange's change feed (the contract's `Change`). */
export type Change = ListItem<'listChanges'>;

/** The cursor the application keeps between runs, in a small file of its own. */
export async function loadCursor(file: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(file, 'utf8')) as { after?: string }).after;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Reads the change feed of `resource` from the saved cursor to its end, page by page, and hands each page to
 * `apply` before the cursor moves past it: a crash repeats at most one page, never skips one.
 */
export async function followChanges(
  vendor: ExchangeClient,
  resource: string,
  cursorFile: string,
  apply: (changes: Change[]) => Promise<void> | void,
): Promise<{ read: number; cursor: string | undefined }> {
  let cursor = await loadCursor(cursorFile);
  let read = 0;
  const pages = vendor.records
    .changes(resource, { limit: 200, ...(cursor ? { after: cursor } : {}) })
    .pages();
  for await (const page of pages) {
    await apply(page.items);
    read += page.items.length;
    cursor = page.nextCursor ?? cursor;
    if (cursor) await writeFileAtomic(cursorFile, JSON.stringify({ after: cursor }));
  }
  return { read, cursor };
}
