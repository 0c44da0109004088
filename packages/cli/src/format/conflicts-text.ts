import type { QualityConflicts } from '@unsilo/sdk/schemas';
import type { Lang } from '../util/lang';

/**
 * The conflicts between sources as lines for people: per pair the two resources and how many subjects both hold,
 * then per element how many disagree, its authoritative source, and an example (the subject masked).
 */
export function renderConflicts(result: QualityConflicts, lang: Lang): string {
  const zh = lang === 'zh';
  if (result.pairs.length === 0) {
    return zh
      ? '没有可比对的资源对（需要两个已发布资源有相同的主体和数据元素）'
      : 'No pair of resources to compare (two published resources with the same subjects and elements are needed)';
  }
  const lines: string[] = [];
  for (const pair of result.pairs) {
    const side = (s: typeof pair.left) => `${s.code} ${s.provider.name}`;
    lines.push(
      zh
        ? `${side(pair.left)} ↔ ${side(pair.right)}：共同主体 ${pair.subjectsCompared}（${pair.subjectElement}）`
        : `${side(pair.left)} ↔ ${side(pair.right)}: ${pair.subjectsCompared} subjects in common (${pair.subjectElement})`,
    );
    for (const conflict of pair.conflicts) {
      const authority = conflict.authoritative
        ? `${conflict.authoritative.code} ${conflict.authoritative.provider.name}`
        : zh
          ? '未指定'
          : 'none';
      const example = conflict.examples[0];
      const shown = example
        ? ` ${example.subject} ${JSON.stringify(example.left)} ≠ ${JSON.stringify(example.right)}`
        : conflict.examplesWithheld
          ? zh
            ? '（无权读取对方数据，不显示例子）'
            : ' (examples withheld: the other side is not readable to you)'
          : '';
      lines.push(
        zh
          ? `  ${conflict.element}（${conflict.leftItem}/${conflict.rightItem}）：${conflict.count}/${conflict.compared} 不一致，权威来源 ${authority}${shown}`
          : `  ${conflict.element} (${conflict.leftItem}/${conflict.rightItem}): ${conflict.count} of ${conflict.compared} differ, authoritative ${authority}${shown}`,
      );
    }
  }
  return lines.join('\n');
}

/** Whether any element of any pair disagrees (the command's exit status 1). */
export function hasConflicts(result: QualityConflicts): boolean {
  return result.pairs.some((pair) => pair.conflicts.some((conflict) => conflict.count > 0));
}
