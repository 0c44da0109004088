import type { Finding, RowIssue } from '../findings/finding';
import type { Schema, TextPosition, TextRange } from '../generated';
import type { SourceEncoding, SourceFormat, SourceRow } from '../sources/types';

export type { RowIssue };

/** A message in both languages of the platform. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A 1-based line/column position in the mapping file (the contract's `TextPosition`). */
export type Position = TextPosition;

export type Range = TextRange;

/**
 * A problem with a mapping file (its syntax, its schema, or its fit to the target catalogue entry): `severity`,
 * `message`, `zh` and `range` as in the contract's `ProblemDetailItem`; the rule id is named `code`, and the
 * path is a list of keys and indexes.
 */
export interface MappingDiagnostic
  extends Required<Pick<Finding, 'severity' | 'message' | 'zh'>>,
    Pick<Finding, 'range'> {
  /** Stable rule id, e.g. `mapping/unknown-item`. */
  code: string;
  /** Path inside the mapping document, e.g. `['fields', 'xb', 'codes']`. */
  path: Array<string | number>;
}

export type { SourceEncoding, SourceFormat, SourceRow };

/**
 * The contract's `MappingSource` as a file may write it: `encoding`, `delimiter` and `headerRow` have defaults
 * there, which the generated type marks as always present, so here they are optional.
 */
export type MappingSource = Omit<Schema<'MappingSource'>, 'encoding' | 'delimiter' | 'headerRow'> &
  Partial<Pick<Schema<'MappingSource'>, 'encoding' | 'delimiter' | 'headerRow'>>;

/** A named transform, or one with parameters. */
export type TransformSpec = Schema<'MappingTransform'>;

/**
 * `codes`: a table legacy value → target code, translation through a standard code set, or `identity` (the source
 * already holds the codes of the item's code set).
 */
export type CodesSpec = Record<string, string> | { codeset: string; by?: 'name' | 'code' } | 'identity';

export type CheckSpec = Schema<'MappingCheck'>;

export interface FieldSpec {
  /** Source column; several columns are concatenated with `separator`. */
  from?: string | string[];
  separator?: string;
  /** A constant written to every record. */
  value?: string | number | boolean;
  /** Used when the source is empty (after transforms). */
  default?: string | number | boolean;
  transform?: TransformSpec | TransformSpec[];
  codes?: CodesSpec;
  check?: CheckSpec | CheckSpec[];
}

export interface IdcardConsistentSpec {
  'idcard-consistent': { idcard: string; sex?: string; birthDate?: string };
}

export type CrossCheckSpec = IdcardConsistentSpec;

/** A field mapping file (`*.mapping.yaml`; field-mapping.schema.json). */
export interface FieldMapping {
  apiVersion: string;
  kind: 'FieldMapping';
  resource: string;
  source: MappingSource;
  key?: string[];
  fields: Record<string, FieldSpec>;
  checks?: CrossCheckSpec[];
}

/** The parts of a catalogue entry that mapping uses (structurally compatible with `@unsilo/sdk/catalog`). */
export interface TargetItem {
  name?: string;
  key: string;
  type?: string;
  length?: number;
  codeset?: string;
  required?: boolean;
  source?: string;
  check?: CheckSpec | CheckSpec[];
}

export interface TargetEntry {
  code: string;
  name?: string;
  /** Item keys identifying a record, when the entry declares them (a mapping's own `key` wins). */
  key?: string[];
  items?: TargetItem[];
}

export type RecordValue = string | number | boolean;
export type TargetRecord = Record<string, RecordValue | undefined>;

/** The outcome of mapping one row. `errors` present ⇒ the row is rejected and `record` is absent. */
export interface RowOutcome {
  row: number;
  record?: TargetRecord;
  /** On a rejected row: what could be mapped (fields in error are left as they came out), e.g. to read its key. */
  partial?: TargetRecord;
  errors?: RowIssue[];
  warnings?: RowIssue[];
  /**
   * Under `duplicates: 'last'`: a later row of the same key replaces this one, which is neither sent nor
   * rejected (`record` and `errors` are absent).
   */
  replacedBy?: number;
}

/** A row of a source that could not be read (the readers' `SourceReject` is one): why, as a row issue. */
export interface UnreadRow {
  row: number;
  error: RowIssue;
}
