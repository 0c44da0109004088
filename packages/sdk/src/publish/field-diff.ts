/** One difference between two versions of a catalogue entry; `path` reads like `items[2].length`. */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** The fields that differ between `before` and `after` (key order is not a difference). */
export function diffFields(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const changes: FieldChange[] = [];
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort()) {
      const child = path ? `${path}.${key}` : key;
      if (!(key in after) || after[key] === undefined) {
        if (before[key] !== undefined) changes.push({ path: child, before: before[key] });
      } else if (!(key in before) || before[key] === undefined) {
        changes.push({ path: child, after: after[key] });
      } else {
        changes.push(...diffFields(before[key], after[key], child));
      }
    }
    return changes;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: FieldChange[] = [];
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i += 1) {
      const child = `${path}[${i}]`;
      if (i >= after.length) changes.push({ path: child, before: before[i] });
      else if (i >= before.length) changes.push({ path: child, after: after[i] });
      else changes.push(...diffFields(before[i], after[i], child));
    }
    return changes;
  }
  return sameValue(before, after) ? [] : [{ path, before, after }];
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // A YAML date the exchange echoes as text (or a number as a numeric string) is the same value.
  if (a instanceof Date || b instanceof Date) return toText(a) === toText(b);
  return false;
}

function toText(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
