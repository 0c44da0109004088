/** Builds a row's values from its fields, by the header's column names. */
export type RowBuilder = (fields: string[]) => Record<string, string>;

/**
 * What row objects inherit: nothing. A row is read by column name, and a column the header lacks must read
 * as undefined — not as `toString` or `constructor` of Object.prototype.
 */
const NOTHING_INHERITED: object = Object.freeze(Object.create(null));

/**
 * A constructor specialised for the header, so every row object has the same shape (fast property access in
 * the mapping that reads it). Names are embedded as JSON string literals; with nothing inherited, a column
 * named `__proto__` is a column like any other. Returns `undefined` where code generation is not allowed.
 */
function specialisedBuilder(header: readonly string[]): RowBuilder | undefined {
  if (header.length > 500) return undefined;
  try {
    const body = header.map((name, i) => `this[${JSON.stringify(name)}] = f[${i}];`).join('\n');
    const Row = new Function('f', body) as unknown as new (f: string[]) => Record<string, string>;
    Row.prototype = NOTHING_INHERITED as Record<string, string>;
    return (fields) => new Row(fields);
  } catch {
    return undefined;
  }
}

/** Header names made unique (`XM`, `XM_2`) and non-empty (`column_3`). */
export function uniqueColumns(fields: string[]): string[] {
  const seen = new Map<string, number>();
  return fields.map((raw, index) => {
    const name = raw.trim() || `column_${index + 1}`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
}

/** The row builder for a header: the specialised constructor where it can be made, a plain loop otherwise. */
export function rowBuilder(header: readonly string[]): RowBuilder {
  return (
    specialisedBuilder(header) ??
    ((fields) => {
      const values: Record<string, string> = Object.create(null);
      for (let c = 0; c < header.length; c++) values[header[c]!] = fields[c]!;
      return values;
    })
  );
}
