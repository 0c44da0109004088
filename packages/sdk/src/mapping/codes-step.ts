import type { CodesetRegistry } from './codesets';
import { MappingCompileError } from './compile-error';
import type { Step } from './transform-steps';
import type { FieldSpec } from './types';

/**
 * Compiles a field's `codes`: a table legacy value → target code, or a standard code set (by name or by code).
 * Throws a `MappingCompileError` for a code set the registry does not hold.
 */
export function compileCodes(
  field: string,
  spec: NonNullable<FieldSpec['codes']>,
  codesets: CodesetRegistry,
): Step {
  const table = new Map<string, string>();
  let source: string;
  if (typeof (spec as { codeset?: unknown }).codeset === 'string') {
    const { codeset, by = 'name' } = spec as { codeset: string; by?: 'name' | 'code' };
    const set = codesets.get(codeset);
    if (!set) {
      throw new MappingCompileError(
        'mapping/codeset-unknown',
        `code set "${codeset}" is not in the registry`,
        `代码集「${codeset}」不在代码集登记中`,
      );
    }
    for (const c of set.codes) {
      table.set(c.code, c.code);
      if (by === 'name') {
        table.set(c.label, c.code);
        if (c.labelEn) table.set(c.labelEn, c.code);
      }
    }
    source = set.name;
  } else {
    for (const [legacy, target] of Object.entries(spec as Record<string, string>))
      table.set(legacy, String(target));
    source = 'codes';
  }
  return (v, sink) => {
    const out = table.get(v);
    if (out !== undefined) return out;
    sink.error({
      field,
      rule: 'codes',
      value: v,
      message: `value "${v}" is not covered by ${source === 'codes' ? 'the codes table' : source}`,
      zh: `值「${v}」不在${source === 'codes' ? '代码对照表' : ` ${source} `}中`,
    });
    return undefined;
  };
}
