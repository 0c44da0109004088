import { stringify } from 'yaml';
import { yamlScalar } from './edits';

/**
 * Key order of a written entry: the order of the national template, with the record `key` just before the
 * items it names (as the example entries write it).
 */
const TOP = [
  'apiVersion',
  'kind',
  'code',
  'name',
  'provider',
  'classification',
  'summary',
  'format',
  'key',
  'items',
  'share',
  'open',
  'updateCycle',
  'updateCycleNote',
  'publishedAt',
  'related',
  'businessMatters',
  'system',
];
const CHILD_ORDER: Record<string, string[]> = {
  provider: ['name', 'code', 'unit'],
  classification: ['class', 'topic'],
  format: ['class', 'type', 'note'],
  share: ['type', 'condition', 'method'],
  'share.method': ['class', 'type'],
  open: ['type', 'condition', 'topic'],
  item: ['name', 'key', 'element', 'type', 'length', 'codeset', 'required', 'source', 'check', 'description'],
};
/** Codes are quoted so that a code of digits never reads back as a number. */
const ALWAYS_QUOTED = new Set(['code', 'provider.code']);

type Plain = Record<string, unknown>;

function ordered(map: Plain, order: readonly string[]): Array<[string, unknown]> {
  const keys = [
    ...order.filter((key) => key in map),
    ...Object.keys(map).filter((key) => !order.includes(key)),
  ];
  return keys.filter((key) => map[key] !== undefined).map((key) => [key, map[key]]);
}

function isPlainScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function scalar(value: unknown, quoted = false): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quoted ? JSON.stringify(value) : yamlScalar(value);
  // A list of plain values inside a flow map (an item's `check`) is written `[uscc]`, as catalogue files write it.
  if (Array.isArray(value) && value.every(isPlainScalar))
    return `[${value.map((v) => scalar(v)).join(', ')}]`;
  return stringify(value, { flow: true }).trim();
}

function flowMap(map: Plain, order: readonly string[]): string {
  const pairs = ordered(map, order).map(([key, value]) => `${key}: ${scalar(value)}`);
  return pairs.length ? `{ ${pairs.join(', ')} }` : '{}';
}

/** The entry with its keys in the canonical order of catalogue files (unknown keys last, as found). */
export function orderEntry(entry: Plain): Plain {
  return Object.fromEntries(ordered(entry, TOP));
}

function isPlainMap(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Writes an entry in the canonical style of catalogue files (the style of the examples' entries): block maps, flow
 * `format`, `share.method` and items, quoted codes. Importers use it, so `catalog export` then
 * `catalog import` gives back the same text.
 */
export function stringifyEntry(entry: Plain): string {
  const lines: string[] = [];
  for (const [key, value] of ordered(entry, TOP)) {
    if (key === 'format' && isPlainMap(value)) {
      lines.push(`format: ${flowMap(value, CHILD_ORDER.format!)}`);
    } else if (key === 'items' && Array.isArray(value)) {
      if (value.length === 0) lines.push('items: []');
      else {
        lines.push('items:');
        for (const item of value)
          lines.push(`  - ${isPlainMap(item) ? flowMap(item, CHILD_ORDER.item!) : scalar(item)}`);
      }
    } else if ((key === 'related' || key === 'key' || key === 'businessMatters') && Array.isArray(value)) {
      lines.push(`${key}: [${value.map((v) => scalar(v, key === 'related')).join(', ')}]`);
    } else if (isPlainMap(value) && CHILD_ORDER[key]) {
      lines.push(`${key}:`);
      for (const [child, childValue] of ordered(value, CHILD_ORDER[key]!)) {
        const path = `${key}.${child}`;
        if (isPlainMap(childValue)) lines.push(`  ${child}: ${flowMap(childValue, CHILD_ORDER[path] ?? [])}`);
        else lines.push(`  ${child}: ${scalar(childValue, ALWAYS_QUOTED.has(path))}`);
      }
    } else if (isPlainMap(value) || Array.isArray(value)) {
      lines.push(stringify({ [key]: value }).trimEnd());
    } else {
      lines.push(`${key}: ${scalar(value, ALWAYS_QUOTED.has(key))}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
