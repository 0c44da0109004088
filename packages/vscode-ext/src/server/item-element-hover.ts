import { type DataElement, elementOfItem, findDataElement, parseCatalogFile } from '@unsilo/sdk/catalog';
import type { Lang } from './settings';
import type { EntryPath } from './yaml-cursor';

const t = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

/** The fields of an item that name its data element: its `element`, else its name or key, as the linter reads them. */
const NAMING_FIELDS = new Set(['name', 'key', 'element']);

/** The index of the item whose `name`, `key` or `element` a path points at. */
export function itemIndexNaming(path: EntryPath): number | undefined {
  const [items, index, field] = path;
  return path.length === 3 &&
    items === 'items' &&
    typeof index === 'number' &&
    NAMING_FIELDS.has(String(field))
    ? index
    : undefined;
}

/**
 * The data element (of `@unsilo/spec`'s dictionary) an item stands for, as its hover shows it: the element its
 * `element` names, else the one its name or key is (what `items/element-suggested` proposes), with the element's
 * type, length, code set, exchange check and the standard it rests on. Undefined when the item names none.
 */
export function itemElementHover(text: string, index: number, lang: Lang): string | undefined {
  const item = parseCatalogFile('entry.yaml', text).get(['items', index]);
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const fields = item as Record<string, unknown>;
  const declared = typeof fields.element === 'string' ? fields.element : undefined;
  const element = declared !== undefined ? findDataElement(declared) : elementOfItem(fields);
  if (!element) return undefined;
  const lines = [
    `**${element.zh}** · ${element.en} — ${t(lang, '数据元', 'data element')} \`${element.id}\``,
    facts(element, lang),
    `${t(lang, '依据', 'Source')}: ${element.source}`,
  ];
  if (declared === undefined) {
    lines.push(
      t(
        lang,
        `本信息项的名称或键就是这个数据元，但未标注：可加 \`element: ${element.id}\`（items/element-suggested）`,
        `the item's name or key is this element, not yet declared: add \`element: ${element.id}\` (items/element-suggested)`,
      ),
    );
  }
  return lines.join('\n\n');
}

/** Type, length, code set and exchange check of an element, as one line. */
function facts(element: DataElement, lang: Lang): string {
  return [
    `${t(lang, '数据类型', 'Type')} ${element.type}`,
    element.length !== undefined ? `${t(lang, '长度', 'length')} ${element.length}` : undefined,
    element.codeset ? `${t(lang, '代码集', 'code set')} ${element.codeset}` : undefined,
    element.check ? `${t(lang, '校验', 'check')} \`${element.check}\`` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
}
