import { requiredKeys } from './entry-checks';
import type { FieldMapping, TargetEntry } from './types';

export interface ItemCoverage {
  key: string;
  name?: string;
  mapped: boolean;
  /** Part of the mapping's upsert key. */
  isKey: boolean;
  required: boolean;
}

export interface Coverage {
  /** Items of the target entry. */
  total: number;
  /** Items the mapping fills. */
  mapped: number;
  items: ItemCoverage[];
  unmappedKeys: string[];
  unmappedRequired: string[];
}

/** How much of the target entry a mapping fills. */
export function coverage(mapping: FieldMapping, entry: TargetEntry): Coverage {
  const { key, required } = requiredKeys(mapping, entry);
  const items = (entry.items ?? []).map((item) => ({
    key: item.key,
    name: item.name,
    mapped: item.key in mapping.fields,
    isKey: key.includes(item.key),
    required: required.includes(item.key),
  }));
  return {
    total: items.length,
    mapped: items.filter((i) => i.mapped).length,
    items,
    unmappedKeys: key.filter((k) => !(k in mapping.fields)),
    unmappedRequired: required.filter((k) => !(k in mapping.fields)),
  };
}
