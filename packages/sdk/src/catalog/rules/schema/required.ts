import { insertKeyEdit } from '../../edits';
import { displayPath, elementAt } from '../../elements';
import type { CatalogFile } from '../../parse';
import { defineRule } from '../../rule';
import type { EntryPath, Fix, LocalizedText } from '../../types';
import { vocabularies } from '../../vocabulary';
import { isBlank, itemsOf, tokenAt } from '../support';
import { missingFieldMessage } from './contract-messages';

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
      if (isPlaceholder) report({ at: path, message: placeholderMessage(path) });
      else if (file.has(path)) report({ at: path, part: 'key', message: emptyMessage(path) });
      else report({ at: path, part: 'key', message: missing(path, format), fixes: insertFix(file, path) });
    }
  },
});

function labelOf(path: EntryPath): LocalizedText {
  const element = elementAt(path);
  return { zh: element?.zh ?? displayPath(path), en: element?.en ?? displayPath(path) };
}

function placeholderMessage(path: EntryPath): LocalizedText {
  const label = labelOf(path);
  const dotted = displayPath(path);
  return {
    zh: `\`${dotted}\`（${label.zh}）仍是占位符 ${PLACEHOLDER}，请填写`,
    en: `\`${dotted}\` (${label.en}) is still the placeholder ${PLACEHOLDER}; fill it in`,
  };
}

function emptyMessage(path: EntryPath): LocalizedText {
  const label = labelOf(path);
  const dotted = displayPath(path);
  return {
    zh: `必填字段 \`${dotted}\` 为空：${label.zh}必须填写`,
    en: `\`${dotted}\` is empty: ${label.en} is required`,
  };
}

/** "`items` is missing", with the format that requires items. */
function missing(path: EntryPath, format: string | undefined): LocalizedText {
  const term = vocabularies.formatClass.find((t) => t.token === format);
  if (path.length !== 1 || path[0] !== 'items' || !term) return missingFieldMessage(path);
  return missingFieldMessage(path, {
    zh: `${term.zh}格式的资源须列出信息项`,
    en: `a resource in ${(term.en ?? term.token).toLowerCase()} format must list its information items`,
  });
}

/** Inserts a placeholder where the field belongs (a whole item for `items`). */
function insertFix(file: CatalogFile, path: EntryPath): Fix[] {
  const placeholder =
    path[0] === 'items' && path.length === 1
      ? `[{ name: ${PLACEHOLDER}, key: todo, type: C, length: 50 }]`
      : PLACEHOLDER;
  const edit = insertKeyEdit(file, path, placeholder);
  const dotted = displayPath(path);
  return edit
    ? [{ title: { zh: `插入 ${dotted} 占位符`, en: `Insert a placeholder for ${dotted}` }, edits: [edit] }]
    : [];
}
