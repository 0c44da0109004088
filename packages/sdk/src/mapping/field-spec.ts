import type { CheckSpec, FieldSpec, TransformSpec } from './types';

/** The list forms of a field's `transform` and `check` (both accept a single item or a list). */
export function transformsOf(spec: FieldSpec): TransformSpec[] {
  return spec.transform === undefined
    ? []
    : Array.isArray(spec.transform)
      ? spec.transform
      : [spec.transform];
}

export function checksOf(spec: FieldSpec): CheckSpec[] {
  return spec.check === undefined ? [] : Array.isArray(spec.check) ? spec.check : [spec.check];
}

export function transformName(spec: TransformSpec): string | undefined {
  if (typeof spec === 'string') return spec;
  if (spec && typeof spec === 'object') {
    const keys = Object.keys(spec);
    return keys.length === 1 ? keys[0] : undefined;
  }
  return undefined;
}

/** Source columns a field reads. */
export function columnsOf(spec: FieldSpec): string[] {
  return spec.from === undefined ? [] : Array.isArray(spec.from) ? spec.from : [spec.from];
}
