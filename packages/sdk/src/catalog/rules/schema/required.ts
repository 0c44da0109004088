import { insertKeyEdit } from '../../edits';
import { elementAt } from '../../elements';
import { defineRule } from '../../rule';
import type { EntryPath } from '../../types';
import { isBlank, itemsOf, tokenAt } from '../support';

/** The fields every entry must fill (the schema's required fields). */
export const REQUIRED_FIELDS: readonly EntryPath[] = [
  ['code'],
  ['name'],
  ['provider', 'name'],
  ['provider', 'code'],
  ['classification', 'class'],
  ['summary'],
  ['format', 'class'],
  ['share', 'type'],
  ['open', 'type'],
  ['updateCycle'],
  ['publishedAt'],
];
/** Structured formats must describe their information items. */
export const FORMATS_WITH_ITEMS: ReadonlySet<string> = new Set(['database', 'spreadsheet', 'service']);
export const PLACEHOLDER = 'TODO';

export const rule = defineRule({
  id: 'schema/required',
  severity: 'error',
  description: {
    zh: '缺少必填字段（代码、名称、提供方、分类、摘要、格式、共享/开放类型、更新周期、发布日期；数据库、电子表格、服务接口格式须有信息项）',
    en: 'a required field is missing (code, name, provider, class, summary, format, share/open type, update cycle, publication date; items for database, spreadsheet and service formats)',
  },
  hasFix: true,
  scope: 'file',
  check({ file, report }) {
    const required = [...REQUIRED_FIELDS];
    const format = tokenAt(file, ['format', 'class'], 'formatClass');
    if (format && FORMATS_WITH_ITEMS.has(format)) required.push(['items']);
    for (const { index, item } of itemsOf(file)) {
      if (isBlank(item.name)) required.push(['items', index, 'name']);
    }
    for (const path of required) {
      const value = file.get(path);
      const isPlaceholder = typeof value === 'string' && value.trim() === PLACEHOLDER;
      if (!isPlaceholder && !isBlank(value)) continue;
      const element = elementAt(path);
      const label = { zh: element?.zh ?? path.join('.'), en: element?.en ?? path.join('.') };
      const dotted = path.join('.');
      if (isPlaceholder) {
        report({
          at: path,
          message: {
            zh: `${dotted}（${label.zh}）仍是占位符 ${PLACEHOLDER}，请填写`,
            en: `${dotted} (${label.en}) is still the placeholder ${PLACEHOLDER}; fill it in`,
          },
        });
        continue;
      }
      const present = file.has(path);
      const placeholder =
        path[0] === 'items' && path.length === 1
          ? `[{ name: ${PLACEHOLDER}, key: todo, type: C, length: 50 }]`
          : PLACEHOLDER;
      report({
        at: path,
        part: 'key',
        message: present
          ? {
              zh: `必填字段 ${dotted}（${label.zh}）为空`,
              en: `required field ${dotted} (${label.en}) is empty`,
            }
          : {
              zh: `缺少必填字段 ${dotted}（${label.zh}）`,
              en: `missing required field ${dotted} (${label.en})`,
            },
        fixes: present
          ? []
          : [
              {
                title: { zh: `插入 ${dotted} 占位符`, en: `Insert a placeholder for ${dotted}` },
                edits: [insertKeyEdit(file, path, placeholder)].filter((edit) => edit !== undefined),
              },
            ].filter((fix) => fix.edits.length > 0),
      });
    }
  },
});
