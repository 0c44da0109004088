import { renameKeyEdit } from '../../edits';
import { catalogElements, childKeys } from '../../elements';
import { defineRule, type RuleContext } from '../../rule';
import type { EntryPath } from '../../types';
import { editDistance, itemsOf } from '../support';

/** The maps of an entry whose keys the format defines, as (path, element key). */
const MAPS: ReadonlyArray<[EntryPath, string]> = [
  [[], ''],
  [['provider'], 'provider'],
  [['classification'], 'classification'],
  [['format'], 'format'],
  [['share'], 'share'],
  [['share', 'method'], 'share.method'],
  [['open'], 'open'],
];

const fold = (key: string) => key.toLowerCase().replace(/[-_\s]/g, '');

/**
 * The known key a mistyped one most likely means: same letters ignoring case and separators, its Chinese name,
 * or (a `guess`) a close spelling.
 */
export function nearestKey(
  key: string,
  known: readonly string[],
  parent: string,
): { key: string; guess: boolean } | undefined {
  const folded = fold(key);
  const exact = known.find((candidate) => fold(candidate) === folded);
  if (exact) return { key: exact, guess: false };
  const prefix = parent ? `${parent}.` : '';
  const byName = catalogElements.find(
    (element) =>
      element.path.startsWith(prefix) &&
      known.includes(element.path.slice(prefix.length)) &&
      (element.zh.split('/').includes(key) ||
        element.zh.replace(/^信息资源/, '') === key ||
        fold(element.en) === folded),
  );
  if (byName) return { key: byName.path.slice(prefix.length), guess: false };
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(folded, fold(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(1, Math.min(3, Math.floor(key.length / 3)));
  return best !== undefined && bestDistance <= tolerance ? { key: best, guess: true } : undefined;
}

/** Reports the keys of one map (the plain value at `path`) that its element does not define. */
function checkMap({ file, report }: RuleContext, path: EntryPath, element: string, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const known = childKeys(element);
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const nearest = nearestKey(key, known, element);
    const suggestion = nearest?.key;
    const usable = suggestion !== undefined && !(suggestion in value);
    const where = element ? `${element} 下` : '顶层';
    const whereEn = element ? ` under ${element}` : ' at the top level';
    const edit = usable ? renameKeyEdit(file, [...path, key], suggestion) : undefined;
    report({
      at: [...path, key],
      part: 'key',
      message: {
        zh: `${where}没有字段「${key}」${usable ? `，是否应为「${suggestion}」？` : ''}`,
        en: `unknown field "${key}"${whereEn}${usable ? `; did you mean "${suggestion}"?` : ''}`,
      },
      fixes: edit
        ? [
            {
              title: { zh: `改为「${suggestion}」`, en: `Rename to "${suggestion}"` },
              edits: [edit],
              // A close spelling is a guess, and the renamed key starts to count: the user's call.
              ...(nearest?.guess ? { suggestion: true } : {}),
            },
          ]
        : [],
    });
  }
}

export const rule = defineRule({
  id: 'schema/unknown-field',
  severity: 'warning',
  description: {
    zh: '出现了格式未定义的字段',
    en: 'a key the format does not define',
  },
  hasFix: true,
  scope: 'file',
  check(context) {
    for (const [path, element] of MAPS) checkMap(context, path, element, context.file.get(path));
    for (const { index, item } of itemsOf(context.file)) checkMap(context, ['items', index], 'items[]', item);
  },
});
