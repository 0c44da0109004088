import { LineCounter, parseDocument } from 'yaml';
import { diagnostic } from './diagnostics';
import { createLocator, type Locate } from './positions';
import { validateMappingSchema } from './schema';
import type { FieldMapping, MappingDiagnostic } from './types';

export interface ParsedMapping {
  /** Present when the file is valid YAML and valid against the mapping schema. */
  mapping?: FieldMapping;
  diagnostics: MappingDiagnostic[];
  /** Positions of paths in the text (for diagnostics found later, e.g. against the catalogue entry). */
  locate: Locate;
}

/**
 * Parses a mapping file (YAML or JSON text) and validates it against `field-mapping.schema.json`.
 * Never throws: syntax and schema problems come back as diagnostics with 1-based positions.
 */
export function parseMapping(text: string): ParsedMapping {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = createLocator(doc, lineCounter);
  const diagnostics: MappingDiagnostic[] = [];
  for (const error of doc.errors) {
    const start = lineCounter.linePos(error.pos[0]);
    const end = lineCounter.linePos(error.pos[1]);
    diagnostics.push({
      ...diagnostic(
        'yaml/syntax',
        'error',
        [],
        `YAML syntax error: ${error.message.split('\n')[0]}`,
        `YAML 语法错误：${error.message.split('\n')[0]}`,
      ),
      range: { start: { line: start.line, column: start.col }, end: { line: end.line, column: end.col } },
    });
  }
  if (diagnostics.length > 0) return { diagnostics, locate };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    diagnostics.push(
      diagnostic(
        'yaml/syntax',
        'error',
        [],
        `YAML cannot be read: ${(error as Error).message}`,
        `无法读取 YAML：${(error as Error).message}`,
      ),
    );
    return { diagnostics, locate };
  }
  const schemaProblems = validateMappingSchema(value, locate).map((d) => withRange(d, locate));
  const at = (d: MappingDiagnostic) => (d.range ? d.range.start.line * 100_000 + d.range.start.column : 0);
  diagnostics.push(...schemaProblems.sort((a, b) => at(a) - at(b)));
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, locate };
  return { mapping: value as FieldMapping, diagnostics, locate };
}

/** Adds the text position of a diagnostic's path when it has none. */
export function withRange(d: MappingDiagnostic, locate: Locate): MappingDiagnostic {
  if (d.range) return d;
  const range = locate(d.path);
  return range ? { ...d, range } : d;
}
