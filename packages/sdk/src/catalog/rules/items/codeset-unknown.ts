import { replaceValueEdit, yamlScalar } from '../../edits';
import { defineRule } from '../../rule';
import type { Fix, LocalizedText } from '../../types';
import { codesets, findCodeset } from '../../vocabulary';
import { editDistance, itemString, itemsOf } from '../support';
import { readCodesetReference } from './codeset-reference';
import { suggestedCodeset } from './codeset-suggested';

const registered = codesets.map((set) => ({
  name: set.name,
  id: readCodesetReference(set.id).folded,
  ...readCodesetReference(set.name),
}));

/** What a reference to an unregistered set most likely means. */
export interface CodesetGuess {
  /** Another spelling of this registered set: certain. */
  same?: string;
  /** Registered sets it may mean, most likely first: offered, never applied by --fix. */
  close: string[];
  /** The registered parts of the standard a reference names with a part the registry does not hold. */
  otherParts: string[];
}

/**
 * The registered code set a reference means. A part is never changed: GB/T 2261.3 is not GB/T 2261.1 with a typo.
 * A reference without a part (GB/T 2261, GB/T 2659-2000) may mean any registered part, the one the item's name
 * suggests first; else the closest spelling with the same part.
 */
export function guessCodeset(value: string, itemName?: string): CodesetGuess {
  const ref = readCodesetReference(value);
  const same = registered.find((set) => set.folded === ref.folded || set.id === ref.folded);
  if (same) return { same: same.name, close: [], otherParts: [] };
  const parts = registered.filter((set) => ref.base && set.base === ref.base && set.part);
  if (ref.part) {
    const close = closest(ref.folded, (set) => set.part === ref.part);
    return { close, otherParts: close.length ? [] : parts.map((set) => set.name) };
  }
  if (parts.length) {
    const named = itemName ? suggestedCodeset(itemName)?.codeset : undefined;
    const close = parts.map((set) => set.name).sort((a, b) => Number(b === named) - Number(a === named));
    return { close, otherParts: [] };
  }
  return { close: closest(ref.folded, (set) => !set.part), otherParts: [] };
}

/** The registered set (of those `eligible` accepts) whose name is fewer than 3 edits from the reference. */
function closest(folded: string, eligible: (set: (typeof registered)[number]) => boolean): string[] {
  let best: string | undefined;
  let bestDistance = 3;
  for (const set of registered.filter(eligible)) {
    const distance = editDistance(folded, set.folded);
    if (distance < bestDistance) {
      best = set.name;
      bestDistance = distance;
    }
  }
  return best ? [best] : [];
}

function messageOf(value: string, guess: CodesetGuess): LocalizedText {
  const known = codesets.map((set) => set.name).join(', ');
  const offered = guess.same ? [guess.same] : guess.close;
  const zhMean = offered.length ? `，是否应为${offered.map((name) => `「${name}」`).join('或')}？` : '';
  const enMean = offered.length ? `; did you mean ${offered.map((name) => `"${name}"`).join(' or ')}?` : '';
  const base = guess.otherParts[0]?.replace(/\.\d+$/, '');
  const zhParts = base ? `；${base} 已登记的部分：${guess.otherParts.join('、')}` : '';
  const enParts = base ? `; of ${base}, only ${guess.otherParts.join(', ')} are registered` : '';
  return {
    zh: `代码集「${value}」未登记${zhMean}${zhParts}（已登记：${known}）`,
    en: `code set "${value}" is not registered${enMean}${enParts} (registered: ${known})`,
  };
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
      const guess = guessCodeset(value, typeof item.name === 'string' ? item.name : undefined);
      const fixes: Fix[] = [];
      for (const name of guess.same ? [guess.same] : guess.close) {
        const edit = replaceValueEdit(file, ['items', index, 'codeset'], yamlScalar(name));
        if (!edit) continue;
        // Only another spelling of the same set is certain; a close one may be a different standard or part.
        fixes.push({
          title: { zh: `改为 ${name}`, en: `Change to ${name}` },
          edits: [edit],
          ...(guess.same ? {} : { suggestion: true }),
        });
      }
      report({ at: ['items', index, 'codeset'], message: messageOf(value, guess), fixes });
    }
  },
});
