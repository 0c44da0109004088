import { insertKeyEdit, yamlScalar } from '../../edits';
import { defineRule } from '../../rule';
import { findCodeset } from '../../vocabulary';
import { isBlank, itemsOf } from '../support';

/** Item names that denote a coded national element, and the code set that codes it. */
const CODED_ELEMENTS: ReadonlyArray<{ pattern: RegExp; codeset: string; zh: string; en: string }> = [
  { pattern: /性别/, codeset: 'GB/T 2261.1', zh: '性别', en: 'sex' },
  { pattern: /民族/, codeset: 'GB/T 3304', zh: '民族', en: 'ethnic group' },
  {
    pattern: /行政区划|区划代码|籍贯|户籍地.*代码/,
    codeset: 'GB/T 2260',
    zh: '行政区划',
    en: 'administrative division',
  },
  { pattern: /家庭关系|与户主关系/, codeset: 'GB/T 4761', zh: '家庭关系', en: 'family relationship' },
  { pattern: /婚姻状况/, codeset: 'GB/T 2261.2', zh: '婚姻状况', en: 'marital status' },
  // 学历证书编号 is a certificate's number, not an education code.
  { pattern: /^(?!.*(证书|编号|号码)).*(学历|文化程度)/, codeset: 'GB/T 4658', zh: '学历', en: 'education' },
  { pattern: /政治面貌/, codeset: 'GB/T 4762', zh: '政治面貌', en: 'political affiliation' },
  {
    pattern: /国籍|国家[和或及/（(]?地区/,
    codeset: 'GB/T 2659.1',
    zh: '国家和地区',
    en: 'country or region',
  },
  { pattern: /证件类型|证件种类/, codeset: 'GA/T 2000.156', zh: '证件类型', en: 'ID document type' },
];

/** Only code sets the registry holds can be suggested; the table grows as `@unsilo/spec` adds sets. */
export function suggestedCodeset(itemName: string): { codeset: string; zh: string; en: string } | undefined {
  // Item names repeat across a workspace (姓名, 性别…): remember the answer per name.
  if (suggestions.has(itemName)) return suggestions.get(itemName);
  const match = CODED_ELEMENTS.find((element) => element.pattern.test(itemName));
  const registered = match && findCodeset(match.codeset);
  const suggestion = match && registered ? { ...match, codeset: registered.name } : undefined;
  if (suggestions.size < 10_000) suggestions.set(itemName, suggestion);
  return suggestion;
}

const suggestions = new Map<string, { codeset: string; zh: string; en: string } | undefined>();

export const rule = defineRule({
  id: 'items/codeset-suggested',
  severity: 'info',
  description: {
    zh: '信息项名称表明是代码型数据元素（性别、民族、行政区划、证件类型…），但未指定代码集',
    en: 'an item named like a coded element (sex, ethnic group, division, ID document type…) without a codeset',
  },
  hasFix: true,
  scope: 'file',
  check({ file, report }) {
    for (const { index, item } of itemsOf(file)) {
      if (typeof item.name !== 'string' || !isBlank(item.codeset)) continue;
      const suggestion = suggestedCodeset(item.name);
      if (!suggestion) continue;
      const edit = insertKeyEdit(file, ['items', index, 'codeset'], yamlScalar(suggestion.codeset));
      report({
        at: ['items', index, 'name'],
        message: {
          zh: `信息项「${item.name}」是${suggestion.zh}代码，建议指定代码集 ${suggestion.codeset}`,
          en: `item "${item.name}" holds ${suggestion.en} codes; consider codeset ${suggestion.codeset}`,
        },
        fixes: edit
          ? [
              {
                title: { zh: `添加代码集 ${suggestion.codeset}`, en: `Add codeset ${suggestion.codeset}` },
                edits: [edit],
                // A code set makes the exchange refuse values outside it: adding one changes what records pass.
                suggestion: true,
              },
            ]
          : [],
      });
    }
  },
});
