import { decodeCursor, encodeCursor } from '../records/cursor';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Reads one row more than asked, to know whether a next page exists without counting. */
export function pageOf<Row, Item>(
  rows: Row[],
  limit: number,
  tag: string,
  positionOf: (row: Row) => string | number,
  toItem: (row: Row) => Item,
): Page<Item> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return {
    items: shown.map(toItem),
    nextCursor: more && last !== undefined ? encodeCursor(tag, positionOf(last)) : null,
  };
}

export function limitOf(query: Record<string, unknown>): number {
  const limit = query.limit;
  return typeof limit === 'number' ? limit : typeof limit === 'string' ? Number(limit) || 100 : 100;
}

export function afterOf(tag: string, query: Record<string, unknown>): string | undefined {
  return decodeCursor(tag, typeof query.cursor === 'string' ? query.cursor : undefined);
}
