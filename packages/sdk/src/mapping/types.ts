/** A message in both languages of the platform. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A 1-based line/column position in the mapping file. */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A problem with a mapping file (its syntax, its schema, or its fit to the target catalogue entry). */
export interface MappingDiagnostic {
  /** Stable rule id, e.g. `mapping/unknown-item`. */
  code: string;
  severity: 'error' | 'warning' | 'info';
  /** English message. */
  message: string;
  /** Chinese message. */
  zh: string;
  /** Path inside the mapping document, e.g. `['fields', 'xb', 'codes']`. */
  path: Array<string | number>;
  /** Where in the YAML text, when the mapping was parsed from text. */
  range?: Range;
}

export type SourceFormat = 'csv' | 'ndjson' | 'xlsx';
export type SourceEncoding = 'utf-8' | 'gbk' | 'gb18030' | 'auto';

export interface MappingSource {
  format: SourceFormat;
  encoding?: SourceEncoding;
  delimiter?: string;
  /** XLSX: the worksheet name or 1-based index (default: the first). */
  sheet?: string | number;
  /** A sample file, relative to the mapping file, for the editor's preview and diagnostics. */
  sample?: string;
}

/** A named transform, or one with parameters. */
export type TransformSpec =
  | 'trim'
  | 'upper'
  | 'lower'
  | 'halfwidth'
  | 'idcard18'
  | 'number'
  | { date: string | string[] }
  | { number: { decimalSeparator?: string } }
  | { default: string }
  | { replace: { pattern: string; with: string; flags?: string } };

/** `codes`: a table legacy value → target code, or translation through a standard code set. */
export type CodesSpec = Record<string, string> | { codeset: string; by?: 'name' | 'code' };

export type CheckSpec =
  | 'idcard'
  | 'uscc'
  | 'orgcode'
  | 'region'
  | 'phone'
  | 'date'
  | { length: number | { min?: number; max?: number } }
  | { pattern: string };

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

/** A field mapping file (`*.mapping.yaml`), DESIGN §3. */
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

/** Why a row (or a record) was rejected, or what is worth a warning. DESIGN §5 reject line error. */
export interface RowIssue {
  /** Target item key (or source column for reader errors). */
  field: string;
  /** Stable rule id: `codes`, `date`, `number`, `idcard`, `required`, `type`, `idcard-consistent`… */
  rule: string;
  /** The offending value as it was at that step. */
  value: string;
  /** English message. */
  message: string;
  /** Chinese message. */
  zh: string;
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
}

/** One data row of a source: 1-based data row number (the header is not a row) and its values by column. */
export interface SourceRow {
  row: number;
  values: Record<string, string>;
}

/** A row of a source that could not be read (the readers' `SourceReject` is one): why, as a row issue. */
export interface UnreadRow {
  row: number;
  error: RowIssue;
}
