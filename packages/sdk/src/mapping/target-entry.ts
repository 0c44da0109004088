import type { TargetEntry, TargetItem } from './types';

/**
 * The part of a catalogue entry a mapping uses, from the entry as parsed from its file (any shape, possibly
 * invalid): its code, name, record key and the items that have a key. `undefined` when it is not an object.
 */
export function targetEntryOf(parsed: unknown): TargetEntry | undefined {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const entry = parsed as { code?: unknown; name?: unknown; key?: unknown; items?: unknown };
  const target: TargetEntry = {
    code: String(entry.code ?? ''),
    items: Array.isArray(entry.items) ? entry.items.filter(isItem) : [],
  };
  if (typeof entry.name === 'string') target.name = entry.name;
  if (Array.isArray(entry.key)) target.key = entry.key.filter((k): k is string => typeof k === 'string');
  return target;
}

function isItem(value: unknown): value is TargetItem {
  return !!value && typeof value === 'object' && typeof (value as TargetItem).key === 'string';
}
