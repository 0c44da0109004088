import { type FieldProgram, runField } from './field-program';
import { RowSink } from './row-sink';

/**
 * The key of a source row, computed by the key fields' programs alone (the pre-scan for duplicate keys runs
 * this, not the whole mapping): `JSON.stringify` of the key values in key order, or undefined when a key field
 * is rejected or empty, or the mapping has no key.
 */
export type KeyFunction = (values: Readonly<Record<string, string | undefined>>) => string | undefined;

export function keyFunction(programs: readonly FieldProgram[], keyFields: readonly string[]): KeyFunction {
  const keyPrograms = keyFields.map((field) => programs.find((p) => p.key === field));
  if (keyPrograms.length === 0 || keyPrograms.some((p) => p === undefined)) return () => undefined;
  const sink = new RowSink();
  const values: unknown[] = new Array(keyPrograms.length);
  return (row) => {
    sink.errors = undefined;
    sink.warnings = undefined;
    for (let i = 0; i < keyPrograms.length; i++) {
      const value = runField(keyPrograms[i]!, row, sink);
      if (value === undefined || sink.errors) return undefined;
      values[i] = value;
    }
    return JSON.stringify(values);
  };
}
