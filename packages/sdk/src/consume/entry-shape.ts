import type { ExchangeClient } from '../client';
import type { CatalogEntry } from '../generated';

export interface EntryShape {
  /** Item keys in the entry's order: the columns of an export. */
  items: string[];
  /** The record key's item keys (empty when the entry declares none). */
  key: string[];
}

/**
 * The items and key of the entry in force. While a change to a published entry waits for review, the
 * provider and the authority see it beside `published`; records follow the published version.
 */
export async function readEntryShape(
  client: ExchangeClient,
  code: string,
  signal?: AbortSignal,
): Promise<EntryShape> {
  const resource = (await client.catalog.get(code, signal ? { signal } : undefined)).data;
  const entry: CatalogEntry = resource.published?.entry ?? resource.entry;
  return { items: (entry.items ?? []).map((item) => item.key), key: [...(entry.key ?? [])] };
}
