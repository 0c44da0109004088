import { isMap, parseDocument } from 'yaml';
import { createGlobMatcher } from './glob';
import { ruleIds } from './rules/index';
import { TextIndex } from './text-position';
import type { LintConfig, LocalizedText, Range, SeveritySetting } from './types';

export interface ResolvedLintConfig {
  severity(ruleId: string, fallback: SeveritySetting): SeveritySetting;
  isIgnored(path: string): boolean;
  allowedProviderCodes: ReadonlySet<string>;
}

export function resolveConfig(config: LintConfig = {}): ResolvedLintConfig {
  const ignored = createGlobMatcher(config.ignore ?? []);
  return {
    severity: (ruleId, fallback) => config.rules?.[ruleId] ?? fallback,
    isIgnored: (path) => (config.ignore?.length ? ignored(path) : false),
    allowedProviderCodes: new Set(
      (config.allow?.providerCodes ?? []).map((code) => code.trim().toUpperCase()),
    ),
  };
}

export interface ConfigProblem {
  message: LocalizedText;
  range: Range;
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
 * ```
 * Unknown rule ids, bad severities and malformed YAML are reported as problems, never thrown.
 */
export function parseConfig(text: string): ParsedConfig {
  const index = new TextIndex(text);
  const problems: ConfigProblem[] = [];
  const config: LintConfig = {};
  const doc = parseDocument(text, { prettyErrors: false });
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
  const known = new Set(ruleIds());
  if (plain.rules !== undefined) {
    if (plain.rules === null || typeof plain.rules !== 'object' || Array.isArray(plain.rules)) {
      problems.push({
        message: { zh: 'lint.rules 必须是映射', en: 'lint.rules must be a mapping' },
        range: at(['lint', 'rules']),
      });
    } else {
      config.rules = {};
      for (const [id, value] of Object.entries(plain.rules as Record<string, unknown>)) {
        const severity = value === false ? 'off' : String(value);
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
          config.rules[id] = severity as SeveritySetting;
        }
      }
    }
  }
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
  return { config, problems };
}
