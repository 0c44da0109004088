import { isMap } from 'yaml';
import { DEFAULT_TIME_ZONE, isTimeZone, localDate } from '../identifiers/calendar-date';
import { parseConfigDocument } from './config-document';
import { createGlobMatcher } from './glob';
import { ruleIds } from './rules/index';
import { TextIndex } from './text-position';
import type { LintConfig, LocalizedText, Range, SeveritySetting } from './types';

export interface ResolvedLintConfig {
  severity(ruleId: string, fallback: SeveritySetting): SeveritySetting;
  isIgnored(path: string): boolean;
  allowedProviderCodes: ReadonlySet<string>;
  /** The city's own libraries (`lint.libraries`), by class. */
  libraries: { basic: readonly string[]; theme: readonly string[] };
  /** Today's date (YYYY-MM-DD) in the city's time zone. */
  today(): string;
  /** The systems registry's ids, when one is configured. */
  knownSystems: ReadonlySet<string> | undefined;
}

export function resolveConfig(config: LintConfig = {}): ResolvedLintConfig {
  const ignored = createGlobMatcher(config.ignore ?? []);
  const timeZone = config.timeZone && isTimeZone(config.timeZone) ? config.timeZone : DEFAULT_TIME_ZONE;
  // One long-lived workspace (the editor's) lints across midnight: the date is read again after a minute.
  let today: { at: number; date: string } | undefined;
  return {
    severity: (ruleId, fallback) => config.rules?.[ruleId] ?? fallback,
    isIgnored: (path) => (config.ignore?.length ? ignored(path) : false),
    allowedProviderCodes: new Set(
      (config.allow?.providerCodes ?? []).map((code) => code.trim().toUpperCase()),
    ),
    libraries: { basic: config.libraries?.basic ?? [], theme: config.libraries?.theme ?? [] },
    today() {
      const now = Date.now();
      if (!today || now - today.at > 60_000) today = { at: now, date: localDate(new Date(now), timeZone) };
      return today.date;
    },
    knownSystems: config.systems ? new Set(config.systems) : undefined,
  };
}

export interface ConfigProblem {
  message: LocalizedText;
  range: Range;
  /** The file the problem is in when it is not the config itself (a systems file the config names). */
  file?: string;
}

export interface ParsedConfig {
  config: LintConfig;
  problems: ConfigProblem[];
}

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

/**
 * Reads the `lint:` section of `unsilo.config.yaml`:
 * ```yaml
 * lint:
 *   rules: { name/whitespace: off, items/length-required: error }
 *   allow: { providerCodes: ["91350100M0001TGQXM"] }
 *   ignore: ["legacy/**"]
 *   libraries: { basic: [城市部件], theme: [智慧停车] } # the city's own, beside the national ones
 * ```
 * and the top-level `timeZone` when it names a known zone (`timeZoneOf` reports one it does not).
 * Unknown rule ids, bad severities and malformed YAML are reported as problems, never thrown.
 */
export function parseConfig(text: string): ParsedConfig {
  const index = new TextIndex(text);
  const problems: ConfigProblem[] = [];
  const config: LintConfig = {};
  const parsed = parseConfigDocument(text);
  if ('problem' in parsed) return { config, problems: [parsed.problem] };
  const doc = parsed.document;
  for (const error of doc.errors) {
    problems.push({
      message: {
        zh: `配置文件 YAML 语法错误：${error.message}`,
        en: `YAML syntax error in the config: ${error.message}`,
      },
      range: index.range(error.pos[0], error.pos[1]),
    });
  }
  if (doc.errors.length > 0) return { config, problems };
  const lint = doc.get('lint', true);
  const timeZone = doc.get('timeZone');
  if (typeof timeZone === 'string' && isTimeZone(timeZone)) config.timeZone = timeZone;
  if (lint === undefined || lint === null) return { config, problems };
  const at = (path: unknown[]): Range => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? index.range(node.range[0], node.range[1]) : index.range(0, 0);
  };
  if (!isMap(lint)) {
    problems.push({ message: { zh: 'lint 必须是映射', en: 'lint must be a mapping' }, range: at(['lint']) });
    return { config, problems };
  }
  const plain = (lint.toJS(doc, { maxAliasCount: 100 }) ?? {}) as Record<string, unknown>;
  const rules = readRuleSeverities(plain.rules, at, problems);
  if (rules) config.rules = rules;
  const allow = plain.allow as Record<string, unknown> | undefined;
  if (allow?.providerCodes !== undefined) {
    if (Array.isArray(allow.providerCodes)) config.allow = { providerCodes: allow.providerCodes.map(String) };
    else
      problems.push({
        message: { zh: 'lint.allow.providerCodes 必须是列表', en: 'lint.allow.providerCodes must be a list' },
        range: at(['lint', 'allow', 'providerCodes']),
      });
  }
  if (plain.ignore !== undefined) {
    if (Array.isArray(plain.ignore)) config.ignore = plain.ignore.map(String);
    else
      problems.push({
        message: { zh: 'lint.ignore 必须是 glob 列表', en: 'lint.ignore must be a list of globs' },
        range: at(['lint', 'ignore']),
      });
  }
  const libraries = readLibraries(plain.libraries, at, problems);
  if (libraries) config.libraries = libraries;
  return { config, problems };
}

type RangeAt = (path: unknown[]) => Range;

/** `lint.rules`: rule id → severity; unknown ids and bad severities are problems. */
function readRuleSeverities(
  value: unknown,
  at: RangeAt,
  problems: ConfigProblem[],
): LintConfig['rules'] | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push({
      message: { zh: 'lint.rules 必须是映射', en: 'lint.rules must be a mapping' },
      range: at(['lint', 'rules']),
    });
    return undefined;
  }
  const known = new Set(ruleIds());
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
    const severity = setting === false ? 'off' : String(setting);
    if (!known.has(id)) {
      problems.push({
        message: { zh: `未知的规则「${id}」`, en: `unknown rule "${id}"` },
        range: at(['lint', 'rules', id]),
      });
    } else if (!SEVERITIES.has(severity)) {
      problems.push({
        message: {
          zh: `规则「${id}」的级别「${severity}」无效（off、info、warning、error）`,
          en: `invalid severity "${severity}" for "${id}" (off, info, warning, error)`,
        },
        range: at(['lint', 'rules', id]),
      });
    } else {
      rules[id] = severity as SeveritySetting;
    }
  }
  return rules;
}

/** `lint.libraries`: the city's own basic and theme libraries, lists of names. */
function readLibraries(
  value: unknown,
  at: RangeAt,
  problems: ConfigProblem[],
): LintConfig['libraries'] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({
      message: {
        zh: 'lint.libraries 必须是映射（basic、theme：库名称列表）',
        en: 'lint.libraries must be a mapping (basic, theme: lists of library names)',
      },
      range: at(['lint', 'libraries']),
    });
    return undefined;
  }
  const libraries: NonNullable<LintConfig['libraries']> = {};
  for (const [kind, names] of Object.entries(value as Record<string, unknown>)) {
    if ((kind === 'basic' || kind === 'theme') && Array.isArray(names)) {
      libraries[kind] = names.map((name) => String(name).trim()).filter((name) => name !== '');
    } else {
      problems.push({
        message: {
          zh: `lint.libraries.${kind} 无效：只能有 basic 和 theme，各为库名称列表`,
          en: `lint.libraries.${kind} is invalid: only basic and theme, each a list of library names`,
        },
        range: at(['lint', 'libraries', kind]),
      });
    }
  }
  return libraries;
}
