import { diagnostic } from './diagnostics';
import { columnsOf } from './field-spec';
import type { FieldMapping, MappingDiagnostic } from './types';

/** `mapping/unknown-column` for each source column the mapping reads but the input's header lacks. */
export function checkColumns(mapping: FieldMapping, header: readonly string[]): MappingDiagnostic[] {
  const present = new Set(header);
  const out: MappingDiagnostic[] = [];
  for (const [key, spec] of Object.entries(mapping.fields)) {
    columnsOf(spec).forEach((column, index) => {
      if (present.has(column)) return;
      out.push(
        diagnostic(
          'mapping/unknown-column',
          'error',
          Array.isArray(spec.from) ? ['fields', key, 'from', index] : ['fields', key, 'from'],
          `the input has no column "${column}" (columns: ${header.join(', ')})`,
          `输入中没有列「${column}」（现有列：${header.join('、')}）`,
        ),
      );
    });
  }
  return out;
}
