import type { Lang, LocalizedText } from '@unsilo/sdk/catalog';
import { COMPONENT_IDS, COMPONENT_LABELS, type Evaluation } from '@unsilo/sdk/evaluation';
import { displayWidth } from './terminal';

/** `unsilo catalog evaluate --format text`: one row per department, best first, then the city's line and notes. */

const pad = (text: string, width: number, right = false) => {
  const space = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? space + text : text + space;
};
const figure = (score: number | null) => (score === null ? '—' : score.toFixed(1));

export function formatEvaluationText(
  evaluation: Evaluation,
  notes: readonly LocalizedText[],
  lang: Lang,
): string {
  const head = [
    lang === 'zh' ? '部门' : 'Department',
    lang === 'zh' ? '总分' : 'Score',
    lang === 'zh' ? '条目' : 'Entries',
  ];
  const labels = COMPONENT_IDS.map((id) => COMPONENT_LABELS[id][lang]);
  const rows = evaluation.departments.map((d) => [
    d.name,
    figure(d.score),
    String(d.entries),
    ...d.components.map((c) => figure(c.score)),
  ]);
  const header = [...head, ...labels];
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[i]!))));
  const line = (cells: string[]) => cells.map((cell, i) => pad(cell, widths[i]!, i > 0)).join('  ');
  const { city } = evaluation;
  const target =
    city.entriesTarget === null
      ? ''
      : lang === 'zh'
        ? `，目标 ${city.entriesTarget} 条（完成 ${Math.floor((city.entriesRatio ?? 0) * 100)}%）`
        : `, target ${city.entriesTarget} (${Math.floor((city.entriesRatio ?? 0) * 100)}% reached)`;
  const summary =
    lang === 'zh'
      ? `全市：${city.departments} 个部门，${city.departmentsWithoutEntries} 个未编目；目录条目 ${city.entries} 条${target}；平均得分 ${figure(city.score)}`
      : `City: ${city.departments} departments, ${city.departmentsWithoutEntries} filed nothing; ${city.entries} entries${target}; mean score ${figure(city.score)}`;
  const weights = COMPONENT_IDS.map((id) => `${COMPONENT_LABELS[id][lang]} ${evaluation.weights[id]}`).join(
    lang === 'zh' ? '、' : ', ',
  );
  return [
    line(header),
    ...rows.map(line),
    '',
    summary,
    `${lang === 'zh' ? '权重：' : 'Weights: '}${weights}`,
    ...notes.map((note) => `· ${note[lang]}`),
    '',
  ].join('\n');
}
