/**
 * JSON Canonicalization Scheme (RFC 8785) for plain JSON values: object keys sorted by UTF-16 code units,
 * no whitespace, numbers and strings serialised as ECMAScript's JSON.stringify does (which is what RFC 8785
 * specifies). Receipts are hashed and signed over this form so that any party re-serialising the same data
 * gets the same bytes.
 */
export function canonicalJson(value: unknown): string {
  // Records usually arrive flat and already in key order (the SDK sends them so): then the native serialiser
  // gives the same bytes at a fraction of the cost of the walk below.
  if (isCanonicalFlatObject(value)) return JSON.stringify(value);
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const item = value[i];
          out += item === undefined ? 'null' : canonicalJson(item);
        }
        return out + ']';
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        if (!first) out += ',';
        first = false;
        out += JSON.stringify(key) + ':' + canonicalJson(item);
      }
      return out + '}';
    }
    default:
      throw new TypeError(`canonicalJson: ${typeof value} is not a JSON value`);
  }
}

/** A plain object of scalars whose keys enumerate in UTF-16 order, with no undefined or non-finite members. */
function isCanonicalFlatObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  let previous: string | undefined;
  for (const key of Object.keys(value)) {
    if (previous !== undefined && !(previous < key)) return false;
    const member = (value as Record<string, unknown>)[key];
    const kind = typeof member;
    if (kind === 'number') {
      if (!Number.isFinite(member)) return false;
    } else if (kind !== 'string' && kind !== 'boolean' && member !== null) {
      return false;
    }
    previous = key;
  }
  return true;
}
