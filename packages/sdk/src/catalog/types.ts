/** Public shapes of the catalogue linter. Positions: 1-based line and column, plus a 0-based offset. */

import type { Finding, FindingSeverity } from '../findings/finding';
import type { RuleSeverity, TextPosition, TextRange } from '../generated';

export type Severity = FindingSeverity;
export type SeveritySetting = RuleSeverity;
export type Lang = 'zh' | 'en';

export interface LocalizedText {
  zh: string;
  en: string;
}

/**
 * The contract's `TextPosition`, always with its offset: `column` counts UTF-16 code units from 1, as editors do;
 * `offset` counts them from 0 in the whole text.
 */
export type Position = Required<TextPosition>;

/** The contract's `TextRange`, between positions with offsets. */
export interface Range extends TextRange {
  start: Position;
  /** Exclusive. */
  end: Position;
}

/** Replace `length` code units at `offset` (in the original text) by `newText`. */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface Fix {
  title: LocalizedText;
  edits: TextEdit[];
  /**
   * The edit may change what the entry means (which of two disagreeing fields is right, a guess at a misspelt
   * name): offered in the editor as a quick fix, never applied by `unsilo lint --fix` or "fix all".
   */
  suggestion?: boolean;
}

/**
 * A finding of the linter: `rule`, `severity` and `path` as in the contract's `ProblemDetailItem` (the exchange
 * answers one with `toProblemDetailItem`), the message in both languages, the range in the file, the fixes.
 */
export interface Diagnostic extends Required<Pick<Finding, 'rule' | 'severity'>> {
  file: string;
  message: LocalizedText;
  range: Range;
  fixes: Fix[];
  /**
   * Where in the entry the diagnostic points, as `items[1].key`: set when the entry was linted as a value
   * (`lintEntry`), which has no text for `range` to point into.
   */
  path?: Finding['path'];
}

export interface LintConfig {
  /** Rule id → severity, or `off`. */
  rules?: Record<string, SeveritySetting>;
  allow?: {
    /** Provider codes accepted although they fail GB 32100 (e.g. early pilot codes). */
    providerCodes?: string[];
  };
  /** Globs (relative paths, `/` separators) of files not to lint. */
  ignore?: string[];
  /** The city's own basic and theme libraries, besides the national ones classification.topic is checked against. */
  libraries?: { basic?: string[]; theme?: string[] };
  /** The city's IANA time zone (top-level `timeZone` of the config): "today" is the local date there. */
  timeZone?: string;
  /**
   * The ids of the city's systems registry (`systems:` of unsilo.config.yaml): when given, system/unknown warns
   * of an entry naming another id.
   */
  systems?: string[];
}

export interface LintSummary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  summary: LintSummary;
}

export interface SourceFile {
  path: string;
  text: string;
}

/** An entry that arrived already parsed (JSON over HTTP): linted as it is, with no text and no positions. */
export interface EntrySource {
  path: string;
  entry: unknown;
}

/** A path into the entry: keys and item indexes, e.g. `['items', 2, 'codeset']`. */
export type EntryPath = ReadonlyArray<string | number>;
