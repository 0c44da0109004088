import { describe, expect, it } from 'vitest';
import { parseMapping } from './parse';
import { validateMappingSchema } from './schema';

const head = `apiVersion: unsilo/v1
kind: FieldMapping
resource: "307001030801/000012"
source: { format: csv }
`;

/** [path, English message, line:column] of each schema problem of a mapping with `fields` (and `tail`). */
function problems(fields: string, tail = ''): Array<[string, string, string]> {
  return parseMapping(`${head}fields:\n${fields}${tail}`).diagnostics.map((d) => {
    expect(d.code).toBe('mapping/schema');
    return [d.path.join('.'), d.message, `${d.range?.start.line}:${d.range?.start.column}`];
  });
}

describe('validateMappingSchema', () => {
  it('accepts the forms a field may take', () => {
    expect(
      problems(`  a: { from: A }
  b: { from: [A, B], separator: " " }
  c: { value: 1 }
  d: { default: x }
  e: { from: A, value: x, default: y }
  f: { from: A, codes: { "1": "2", by: code } }
  g: { from: A, codes: { codeset: GB/T 3304, by: name }, check: [{ length: { max: 2 } }] }
`),
    ).toEqual([]);
  });

  it('reports what the generated schema cannot check, once, where it is', () => {
    expect(problems('  a-b: { from: A }\n')).toEqual([
      ['fields.a-b', 'fields.a-b: key is not a valid identifier', '6:3'],
    ]);
    expect(problems('  a: { from: A, value: x }\n')).toEqual([
      ['fields.a.value', 'fields.a.value is not allowed here (from and value exclude each other)', '6:17'],
    ]);
    expect(problems('  a: { separator: "," }\n')).toEqual([
      ['fields.a', 'fields.a: a field needs from, value or default', '6:6'],
    ]);
    expect(problems('  a: { from: A, codes: {} }\n')).toEqual([
      ['fields.a.codes', 'fields.a.codes must not be empty', '6:24'],
    ]);
    expect(problems('  a: { from: A, codes: { codeset: x, by: label, colour: red } }\n')).toEqual([
      ['fields.a.codes.by', 'fields.a.codes.by must be one of: name, code', '6:42'],
      ['fields.a.codes.colour', 'fields.a.codes.colour: unknown key', '6:49'],
    ]);
    expect(problems('  a: { from: A, check: { length: {} } }\n')).toEqual([
      ['fields.a.check.length', 'fields.a.check.length must not be empty', '6:34'],
    ]);
    expect(problems('  a: { from: A }\n', 'key: [a, a]\n')).toEqual([
      ['key', 'key must NOT have duplicate items (items ## 1 and 0 are identical)', '7:6'],
    ]);
    expect(problems('  a: { from: A }\n', 'checks: [{}]\n')).toEqual([
      ['checks.0', 'checks.0: "idcard-consistent" is required', '7:10'],
    ]);
  });

  it('reports the problem inside the alternative that was meant, not the other alternatives', () => {
    expect(problems('  a: { from: A, transform: [{ date: "" }] }\n')).toEqual([
      ['fields.a.transform.0.date', 'fields.a.transform.0.date must not be empty', '6:37'],
    ]);
    expect(problems('  a: { from: A, transform: [{ replace: { pattern: x } }] }\n')).toEqual([
      ['fields.a.transform.0.replace', 'fields.a.transform.0.replace: "with" is required', '6:31'],
    ]);
    expect(problems('  a: { from: A, codes: { "1": 1 } }\n')).toEqual([
      ['fields.a.codes.1', 'fields.a.codes.1 must be of type string', '6:31'],
    ]);
    expect(problems('  a: { from: A, check: [{ length: -1 }] }\n')).toEqual([
      ['fields.a.check.0.length', 'fields.a.check.0.length must be >= 0', '6:35'],
    ]);
    expect(problems('  a: { from: [] }\n')).toEqual([
      ['fields.a.from', 'fields.a.from must not be empty', '6:14'],
    ]);
  });

  it('names every value a union would take when the value fits none of its alternatives', () => {
    expect(problems('  a: { from: A, transform: trimm }\n')).toEqual([
      [
        'fields.a.transform',
        'fields.a.transform must be one of: trim, upper, lower, halfwidth, idcard18, number',
        '6:28',
      ],
    ]);
    expect(problems('  a: { value: { x: 1 } }\n')[0]?.[1]).toBe(
      'fields.a.value must be of type string,number,boolean',
    );
  });

  it('refuses a header row beyond the title rows an export may carry', () => {
    const mapping = (headerRow: number) =>
      parseMapping(
        head.replace('source: { format: csv }', `source: { format: csv, headerRow: ${headerRow} }`) +
          'fields:\n  a: { from: A }\n',
      );
    expect(mapping(3).diagnostics).toEqual([]);
    expect(mapping(1_000_000_000).diagnostics.map((d) => [d.code, d.path.join('.')])).toEqual([
      ['mapping/schema', 'source.headerRow'],
    ]);
  });

  it('reports each missing key and each unknown key of the document', () => {
    expect(validateMappingSchema({ colour: 'red' }).map((d) => [d.path.join('.'), d.message, d.zh])).toEqual([
      ['', 'the mapping: "apiVersion" is required', '映射文件：缺少必填项「apiVersion」'],
      ['', 'the mapping: "kind" is required', '映射文件：缺少必填项「kind」'],
      ['', 'the mapping: "resource" is required', '映射文件：缺少必填项「resource」'],
      ['', 'the mapping: "source" is required', '映射文件：缺少必填项「source」'],
      ['', 'the mapping: "fields" is required', '映射文件：缺少必填项「fields」'],
      ['colour', 'colour: unknown key', 'colour：不允许的键'],
    ]);
    expect(validateMappingSchema([]).map((d) => d.message)).toEqual(['the mapping must be of type object']);
  });
});
