import { replaceValueEdit } from '../../edits';
import { defineRule } from '../../rule';
import { canonicalToken } from '../../vocabulary';
import { itemString, itemsOf } from '../support';

/** A national identifier: the exchange check that validates it, how items name it, its standard and lengths. */
interface Identifier {
  check: string;
  names: RegExp;
  zh: string;
  en: string;
  standard: string;
  /** The lengths the standard allows; the first is the one a fix writes. */
  lengths: readonly number[];
  note?: { zh: string; en: string };
}

const IDENTIFIERS: readonly Identifier[] = [
  {
    check: 'idcard',
    // 身份证件号码 is left out: it may hold a passport or another document's number.
    names: /(?:公民身份号码|身份证号码?)$/,
    zh: '公民身份号码',
    en: 'citizen ID number',
    standard: 'GB 11643',
    lengths: [18],
  },
  {
    check: 'uscc',
    names: /统一社会信用代码$/,
    zh: '统一社会信用代码',
    en: 'unified social credit code',
    standard: 'GB 32100',
    lengths: [18],
  },
  {
    check: 'orgcode',
    names: /组织机构代码$/,
    zh: '组织机构代码',
    en: 'organisation code',
    standard: 'GB 11714',
    lengths: [9, 10],
    note: {
      zh: '（9 位；证书上带连字符的写法 XXXXXXXX-X 为 10 位）',
      en: ' (9 characters; 10 as printed with the hyphen, XXXXXXXX-X)',
    },
  },
];

/** The identifier an item holds: named by its exchange check, else by its name. */
function identifierOf(item: Record<string, unknown>): Identifier | undefined {
  const checks = Array.isArray(item.check) ? item.check : [];
  const byCheck = IDENTIFIERS.find((identifier) => checks.includes(identifier.check));
  if (byCheck) return byCheck;
  const name = typeof item.name === 'string' ? item.name.trim() : '';
  return name ? IDENTIFIERS.find((identifier) => identifier.names.test(name)) : undefined;
}

export const rule = defineRule({
  id: 'items/identifier-format',
  severity: 'warning',
  description: {
    zh: '公民身份号码、统一社会信用代码、组织机构代码类信息项的数据类型或长度与其国家标准不符（应为 C 字符型，长度 18、18、9）',
    en: 'an ID number, unified social credit code or organisation code item typed or sized against its standard (C, length 18, 18, 9)',
  },
  hasFix: true,
  scope: 'file',
  check({ file, report }) {
    for (const { index, item } of itemsOf(file)) {
      const identifier = identifierOf(item);
      if (!identifier) continue;
      const name = typeof item.name === 'string' ? item.name : `#${index + 1}`;
      const written = itemString(file, index, item, 'type');
      const type = written === undefined ? undefined : canonicalToken('itemType', written);
      const expected = identifier.lengths[0]!;
      const lengths = identifier.lengths.join(' 或 ');
      if (type !== undefined && type !== 'C') {
        const edit = replaceValueEdit(file, ['items', index, 'type'], 'C');
        report({
          at: ['items', index, 'type'],
          message: {
            zh: `信息项「${name}」是${identifier.zh}（${identifier.standard}），含字母或校验字符 X，应为 C 字符型，而不是 ${written}`,
            en: `item "${name}" is a ${identifier.en} (${identifier.standard}): it holds letters or the check character X, so its type is C, not ${written}`,
          },
          fixes: edit ? [{ title: { zh: '改为 C 字符型', en: 'Change the type to C' }, edits: [edit] }] : [],
        });
      }
      const length = item.length;
      // An absent length is items/length-required's to report; a length that is no number, schema/contract's.
      if (typeof length !== 'number' || identifier.lengths.includes(length)) continue;
      const edit = replaceValueEdit(file, ['items', index, 'length'], String(expected));
      report({
        at: ['items', index, 'length'],
        message: {
          zh: `信息项「${name}」是${identifier.zh}（${identifier.standard}），长度应为 ${lengths}${identifier.note?.zh ?? ''}，而不是 ${length}`,
          en: `item "${name}" is a ${identifier.en} (${identifier.standard}); its length is ${identifier.lengths.join(' or ')}${identifier.note?.en ?? ''}, not ${length}`,
        },
        fixes: edit
          ? [
              {
                title: { zh: `长度改为 ${expected}`, en: `Change the length to ${expected}` },
                edits: [edit],
                // Shortening a declared length may cut values the provider holds: the user decides.
                suggestion: true,
              },
            ]
          : [],
      });
    }
  },
});
