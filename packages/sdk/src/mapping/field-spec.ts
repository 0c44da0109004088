import type { CheckSpec, FieldSpec, TransformSpec } from './types';

/** A value the mapping format takes as one item or a list of them, as a list. */
export function listOf<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The list forms of a field's `transform` and `check` (both accept a single item or a list). */
export function transformsOf(spec: FieldSpec): TransformSpec[] {
  return listOf(spec.transform);
}

export function checksOf(spec: FieldSpec): CheckSpec[] {
  return listOf(spec.check);
}

/**
 * The name of a transform or check spec: the string itself (`trim`, `idcard`) or the one key of an object
 * (`{ date: [...] }`, `{ length: 18 }`); `undefined` for any other shape.
 */
export function specName(spec: TransformSpec | CheckSpec): string | undefined {
  if (typeof spec === 'string') return spec;
  if (spec && typeof spec === 'object') {
    const keys = Object.keys(spec);
    return keys.length === 1 ? keys[0] : undefined;
  }
  return undefined;
}

/** Source columns a field reads. */
export function columnsOf(spec: FieldSpec): string[] {
  return listOf(spec.from);
}
