import { describe, expect, expectTypeOf, it } from 'vitest';
import { lintEntry, lintText } from '../catalog/engine';
import { parseCatalogFile } from '../catalog/parse';
import { VALID_ENTRY } from '../catalog/rules/testing';
import type { Diagnostic, Position, Range } from '../catalog/types';
import { type RecordError, type TextRange, zProblemDetailItem } from '../generated';
import type { MappingDiagnostic, RowIssue as MappingRowIssue } from '../mapping/types';
import type { RowError } from '../sync/types';
import type { FieldFinding, Finding, RowIssue } from './finding';
import { toProblemDetailItem } from './problem-detail';

describe('toProblemDetailItem', () => {
  it('answers a finding of an entry linted as a value with its path, and no range', () => {
    const entry = parseCatalogFile('entry.yaml', VALID_ENTRY).entry as Record<string, unknown>;
    const [diagnostic] = lintEntry('entry.json', { ...entry, updateCycle: '每日' }).diagnostics;
    expect(toProblemDetailItem(diagnostic!)).toEqual({
      rule: 'schema/enum',
      severity: 'error',
      path: 'updateCycle',
      message: diagnostic!.message.en,
      zh: diagnostic!.message.zh,
    });
    expect(diagnostic!.message.zh).toContain('每日');
  });

  it('answers a finding of a text with its range, offsets included, as the contract allows', () => {
    const text = VALID_ENTRY.replace('updateCycle: daily', 'updateCycle: 每日');
    const [diagnostic] = lintText('entry.yaml', text).diagnostics;
    const item = toProblemDetailItem(diagnostic!);
    expect(item).toEqual({
      rule: 'schema/enum',
      severity: 'error',
      message: diagnostic!.message.en,
      zh: diagnostic!.message.zh,
      range: {
        start: { line: 24, column: 14, offset: text.indexOf('每日') },
        end: { line: 24, column: 16, offset: text.indexOf('每日') + 2 },
      },
    });
    // The contract's own schema keeps every member: nothing of the finding is lost on the wire.
    expect(zProblemDetailItem.parse(item)).toEqual(item);
  });
});

describe('the finding types', () => {
  it('derive from the contract: one shape for rejects, lint and mapping findings', () => {
    expectTypeOf<Finding>().toEqualTypeOf<import('../generated').ProblemDetailItem>();
    expectTypeOf<FieldFinding>().toMatchTypeOf<Finding>();
    expectTypeOf<FieldFinding>().toMatchTypeOf<RecordError>();
    expectTypeOf<RecordError>().toMatchTypeOf<FieldFinding>();
    expectTypeOf<RowIssue>().toMatchTypeOf<FieldFinding>();
    expectTypeOf<RowIssue['value']>().toEqualTypeOf<string>();
    expectTypeOf<MappingRowIssue>().toEqualTypeOf<RowIssue>();
    expectTypeOf<RowError>().toEqualTypeOf<FieldFinding>();
    expectTypeOf<Range>().toMatchTypeOf<TextRange>();
    expectTypeOf<Position['offset']>().toEqualTypeOf<number>();
    expectTypeOf<Diagnostic['severity']>().toEqualTypeOf<NonNullable<Finding['severity']>>();
    expectTypeOf<MappingDiagnostic['range']>().toEqualTypeOf<TextRange | undefined>();
    expectTypeOf<MappingDiagnostic['severity']>().toEqualTypeOf<NonNullable<Finding['severity']>>();
  });
});
