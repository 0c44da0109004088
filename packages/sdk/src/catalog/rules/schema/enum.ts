import { replaceValueEdit, yamlScalar } from '../../edits';
import { defineRule, type RuleContext } from '../../rule';
import type { EntryPath } from '../../types';
import {
  canonicalToken,
  ENTRY_VOCABULARY_FIELDS,
  tokensOf,
  type VocabularyName,
  vocabularies,
} from '../../vocabulary';
import { itemString, itemsOf, tokenAt } from '../support';

/** Validators the exchange runs on an item (catalog-entry.schema.json, items[].check). */
export const EXCHANGE_CHECKS = ['idcard', 'uscc', 'orgcode', 'region', 'phone'];
const fold = (value: string) => value.toLowerCase().replace(/[\s_-]+/g, '');

/** The allowed values of a vocabulary with their national labels, for messages ("none 不予共享、…"). */
const labelLists = new Map<VocabularyName, string>();
function labelsOf(name: VocabularyName): string {
  let labels = labelLists.get(name);
  if (labels === undefined) {
    labels = vocabularies[name].map((t) => `${t.token} ${t.zh}`).join('、');
    labelLists.set(name, labels);
  }
  return labels;
}

/** Whether a value written at a path needs a report: not blank, not the placeholder, not allowed. */
function isOutside(value: string | undefined, allowed: readonly string[]): value is string {
  return value !== undefined && value.trim() !== '' && value !== 'TODO' && !allowed.includes(value);
}

function reportValue(
  { file, report }: RuleContext,
  path: EntryPath,
  value: string,
  allowed: readonly string[],
  canonical: string | undefined,
  labels?: string,
): void {
  const dotted = path
    .map((s) => (typeof s === 'number' ? `[${s}]` : s))
    .join('.')
    .replace(/\.\[/g, '[');
  const list = labels ?? allowed.join(', ');
  const edit =
    canonical && canonical !== value ? replaceValueEdit(file, path, yamlScalar(canonical)) : undefined;
  report({
    at: path,
    message: {
      zh: `「${value}」不是 ${dotted} 的有效取值${canonical ? `，应写作 ${canonical}` : ''}（可选：${list}）`,
      en: `"${value}" is not a valid ${dotted}${canonical ? `; write ${canonical}` : ''} (allowed: ${allowed.join(', ')})`,
    },
    fixes: edit ? [{ title: { zh: `改为 ${canonical}`, en: `Change to ${canonical}` }, edits: [edit] }] : [],
  });
}

const API_VERSIONS = ['unsilo/v1'];
const KINDS = ['InformationResource'];
const AUTHORITATIVE = ['authoritative'];

export const rule = defineRule({
  id: 'schema/enum',
  severity: 'error',
  description: {
    zh: '取值不在规定的值域内（中文名称或别名可一键改为规范取值，如 有条件共享 → conditional）',
    en: 'a value outside its vocabulary (a Chinese label or known alias is fixed to the canonical token, e.g. 有条件共享 → conditional)',
  },
  hasFix: true,
  scope: 'file',
  check(context) {
    const { file } = context;
    const apiVersion = file.string(['apiVersion']);
    if (isOutside(apiVersion, API_VERSIONS))
      reportValue(context, ['apiVersion'], apiVersion, API_VERSIONS, 'unsilo/v1');
    const kind = file.string(['kind']);
    if (isOutside(kind, KINDS)) reportValue(context, ['kind'], kind, KINDS, undefined);

    for (const [path, name] of ENTRY_VOCABULARY_FIELDS) {
      const value = file.string(path);
      const allowed = tokensOf(name);
      if (isOutside(value, allowed))
        reportValue(context, path, value, allowed, canonicalToken(name, value), labelsOf(name));
    }

    const formatClass = tokenAt(file, ['format', 'class'], 'formatClass');
    const subtypes = vocabularies.formatClass.find((term) => term.token === formatClass)?.subtypes;
    const formatType = file.string(['format', 'type']);
    if (subtypes && isOutside(formatType, subtypes)) {
      reportValue(
        context,
        ['format', 'type'],
        formatType,
        subtypes,
        subtypes.find((subtype) => fold(subtype) === fold(formatType)) ??
          (formatType === '其他' ? 'other' : undefined),
      );
    }

    const itemTypes = tokensOf('itemType');
    for (const { index, item } of itemsOf(file)) {
      const type = itemString(file, index, item, 'type');
      if (isOutside(type, itemTypes))
        reportValue(
          context,
          ['items', index, 'type'],
          type,
          itemTypes,
          canonicalToken('itemType', type),
          labelsOf('itemType'),
        );
      if (Array.isArray(item.check)) {
        for (let position = 0; position < item.check.length; position++) {
          const value = file.string(['items', index, 'check', position]);
          if (isOutside(value, EXCHANGE_CHECKS))
            reportValue(context, ['items', index, 'check', position], value, EXCHANGE_CHECKS, undefined);
        }
      }
      if (item.source !== undefined && item.source !== null) {
        const source = String(item.source);
        const path = ['items', index, 'source'];
        const value = file.string(path);
        if (isOutside(value, AUTHORITATIVE))
          reportValue(
            context,
            path,
            value,
            AUTHORITATIVE,
            /^(权威|权威来源|authoritative)$/i.test(source.trim()) ? 'authoritative' : undefined,
          );
      }
    }
  },
});
