import { replaceValueEdit, yamlScalar } from '../../edits';
import { defineRule } from '../../rule';
import type { EntryPath } from '../../types';
import { canonicalToken, tokensOf, type VocabularyName, vocabularies } from '../../vocabulary';
import { itemsOf, tokenAt } from '../support';

const FIELDS: ReadonlyArray<[EntryPath, VocabularyName]> = [
  [['classification', 'class'], 'classificationClass'],
  [['format', 'class'], 'formatClass'],
  [['share', 'type'], 'shareType'],
  [['share', 'method', 'class'], 'shareMethodClass'],
  [['share', 'method', 'type'], 'shareMethodType'],
  [['open', 'type'], 'openType'],
  [['updateCycle'], 'updateCycle'],
];
/** Validators the exchange runs on an item (catalog-entry.schema.json, items[].check). */
export const EXCHANGE_CHECKS = ['idcard', 'uscc', 'orgcode', 'region', 'phone'];
const fold = (value: string) => value.toLowerCase().replace(/[\s_-]+/g, '');

export const rule = defineRule({
  id: 'schema/enum',
  severity: 'error',
  description: {
    zh: '取值不在规定的值域内（中文名称或别名可一键改为规范取值，如 有条件共享 → conditional）',
    en: 'a value outside its vocabulary (a Chinese label or known alias is fixed to the canonical token, e.g. 有条件共享 → conditional)',
  },
  hasFix: true,
  scope: 'file',
  check({ file, report }) {
    const check = (
      path: EntryPath,
      allowed: string[],
      canonical: string | undefined,
      labels?: () => string,
    ) => {
      const value = file.string(path);
      if (value === undefined || value.trim() === '' || value === 'TODO' || allowed.includes(value)) return;
      const dotted = path
        .map((s) => (typeof s === 'number' ? `[${s}]` : s))
        .join('.')
        .replace(/\.\[/g, '[');
      const list = labels?.() ?? allowed.join(', ');
      const edit =
        canonical && canonical !== value ? replaceValueEdit(file, path, yamlScalar(canonical)) : undefined;
      report({
        at: path,
        message: {
          zh: `「${value}」不是 ${dotted} 的有效取值${canonical ? `，应写作 ${canonical}` : ''}（可选：${list}）`,
          en: `"${value}" is not a valid ${dotted}${canonical ? `; write ${canonical}` : ''} (allowed: ${allowed.join(', ')})`,
        },
        fixes: edit
          ? [{ title: { zh: `改为 ${canonical}`, en: `Change to ${canonical}` }, edits: [edit] }]
          : [],
      });
    };
    const labelsOf = (name: VocabularyName) => () =>
      vocabularies[name].map((t) => `${t.token} ${t.zh}`).join('、');

    const apiVersion = file.string(['apiVersion']);
    if (apiVersion !== undefined) check(['apiVersion'], ['unsilo/v1'], 'unsilo/v1');
    const kind = file.string(['kind']);
    if (kind !== undefined) check(['kind'], ['InformationResource'], undefined);

    for (const [path, name] of FIELDS) {
      const value = file.string(path);
      if (value === undefined) continue;
      check(path, tokensOf(name), canonicalToken(name, value), labelsOf(name));
    }

    const formatClass = tokenAt(file, ['format', 'class'], 'formatClass');
    const subtypes = vocabularies.formatClass.find((term) => term.token === formatClass)?.subtypes;
    const formatType = file.string(['format', 'type']);
    if (subtypes && formatType !== undefined) {
      check(
        ['format', 'type'],
        subtypes,
        subtypes.find((subtype) => fold(subtype) === fold(formatType)) ??
          (formatType === '其他' ? 'other' : undefined),
      );
    }

    for (const { index, item } of itemsOf(file)) {
      const type = file.string(['items', index, 'type']);
      if (type !== undefined)
        check(
          ['items', index, 'type'],
          tokensOf('itemType'),
          canonicalToken('itemType', type),
          labelsOf('itemType'),
        );
      if (Array.isArray(item.check)) {
        item.check.forEach((_, position) => {
          const value = file.string(['items', index, 'check', position]);
          if (value !== undefined) check(['items', index, 'check', position], EXCHANGE_CHECKS, undefined);
        });
      }
      if (item.source !== undefined && item.source !== null) {
        const source = String(item.source);
        check(
          ['items', index, 'source'],
          ['authoritative'],
          /^(权威|权威来源|authoritative)$/i.test(source.trim()) ? 'authoritative' : undefined,
        );
      }
    }
  },
});
