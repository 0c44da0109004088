import { replaceValueEdit, yamlScalar } from '../../edits';
import { defineRule } from '../../rule';
import { codesets, findCodeset } from '../../vocabulary';
import { editDistance, itemString, itemsOf } from '../support';

const fold = (value: string) =>
  value
    .toUpperCase()
    .replace(/[\s/_]/g, '')
    .replace(/-(?:19|20)\d\d$/, '');

/** The registered code set a reference names in another spelling (GB/T2261.1, gbt 2261.1, GB/T 2261.1-2003…). */
function sameCodeset(value: string): string | undefined {
  const folded = fold(value);
  return codesets.find((set) => fold(set.name) === folded || fold(set.id) === folded)?.name;
}

/** The registered code set a misspelt reference most likely means: the same in another spelling, or the closest. */
export function nearestCodeset(value: string): string | undefined {
  const same = sameCodeset(value);
  if (same) return same;
  const folded = fold(value);
  let best: string | undefined;
  let bestDistance = 3;
  for (const set of codesets) {
    const distance = editDistance(folded, fold(set.name));
    if (distance < bestDistance) {
      best = set.name;
      bestDistance = distance;
    }
  }
  return best;
}

export const rule = defineRule({
  id: 'items/codeset-unknown',
  severity: 'error',
  description: {
    zh: '代码集不在 @unsilo/spec 的代码集登记中',
    en: 'codeset not in the registry of `@unsilo/spec`',
  },
  hasFix: true,
  scope: 'file',
  check({ file, report }) {
    for (const { index, item } of itemsOf(file)) {
      const value = itemString(file, index, item, 'codeset');
      if (value === undefined || value.trim() === '' || findCodeset(value)) continue;
      const nearest = nearestCodeset(value);
      const edit = nearest
        ? replaceValueEdit(file, ['items', index, 'codeset'], yamlScalar(nearest))
        : undefined;
      const known = codesets.map((set) => set.name).join(', ');
      report({
        at: ['items', index, 'codeset'],
        message: {
          zh: `代码集「${value}」未登记${nearest ? `，是否应为「${nearest}」？` : ''}（已登记：${known}）`,
          en: `code set "${value}" is not registered${nearest ? `; did you mean "${nearest}"?` : ''} (registered: ${known})`,
        },
        fixes: edit
          ? [
              {
                title: { zh: `改为 ${nearest}`, en: `Change to ${nearest}` },
                edits: [edit],
                // Only another spelling of the same set is certain; a close one may be a different standard.
                ...(sameCodeset(value) ? {} : { suggestion: true }),
              },
            ]
          : [],
      });
    }
  },
});
