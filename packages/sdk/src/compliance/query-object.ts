import { type ZodType, z } from 'zod';

const prototypeKeys = new Set(['__proto__', 'constructor', 'prototype']);

function expectsNumber(schema: ZodType): boolean {
  return schema.safeParse(1).success && !schema.safeParse('1').success;
}

/**
 * Query parameters as the operation's query schema reads them, the way the exchange does: numbers where the
 * schema expects one, the first of repeated values, `filter[key]=value` (OpenAPI deepObject) as
 * `filter: { key: value }`. Names the schema does not declare are left out (the generated schemas ignore them).
 */
export function queryObject(
  schema: ZodType | undefined,
  pairs: readonly (readonly [string, string])[],
): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  const shape: Record<string, ZodType> =
    schema instanceof z.ZodObject ? (schema.shape as Record<string, ZodType>) : Object.create(null);
  for (const [name, text] of pairs) {
    const deep = /^([A-Za-z_][A-Za-z0-9_]*)\[([^\]]*)\]$/.exec(name);
    if (deep && Object.hasOwn(shape, deep[1]!)) {
      if (prototypeKeys.has(deep[2]!)) continue;
      const group = (out[deep[1]!] ?? Object.create(null)) as Record<string, unknown>;
      if (!(deep[2]! in group)) group[deep[2]!] = text;
      out[deep[1]!] = group;
      continue;
    }
    if (!Object.hasOwn(shape, name) || name in out) continue;
    out[name] = /^-?\d{1,15}$/.test(text) && expectsNumber(shape[name]!) ? Number(text) : text;
  }
  return out;
}
