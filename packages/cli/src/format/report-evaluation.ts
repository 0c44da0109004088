import type { Lang, LocalizedText } from '@unsilo/sdk/catalog';
import {
  COMPONENT_IDS,
  COMPONENT_LABELS,
  type DepartmentScore,
  type Evaluation,
} from '@unsilo/sdk/evaluation';
import { escapeHtml } from '@unsilo/sdk/html';
import { barChart } from './report-html';

/** The report's evaluation section (考核评价): scores as inline SVG bars, the components as a table. */

const TEXT = {
  zh: {
    title: '考核评价',
    subtitle: '按部门评分 0–100：已测得指标的加权平均，公式见 docs/evaluation.md',
    cityScore: '平均得分',
    cityScoreHint: '各部门得分的平均值',
    entries: '目录条目',
    entriesHint: (target: number | null) => (target === null ? '未设全市目标' : `全市目标 ${target} 条`),
    nothingFiled: '未编目部门',
    nothingFiledHint: (n: number) => `共 ${n} 个部门`,
    scoresChart: '各部门得分',
    entriesChart: '目录条目与目标',
    cityEntries: '本市条目',
    target: '目标',
    department: '部门',
    score: '总分',
    weights: '权重',
    notMeasured: '未测得',
  },
  en: {
    title: 'Evaluation',
    subtitle:
      'Score per department, 0–100: the weighted mean of the components measured (docs/evaluation.md)',
    cityScore: 'Mean score',
    cityScoreHint: 'mean of the departments’ scores',
    entries: 'Catalogue entries',
    entriesHint: (target: number | null) =>
      target === null ? 'no city target set' : `city target ${target}`,
    nothingFiled: 'Filed nothing',
    nothingFiledHint: (n: number) => `of ${n} departments`,
    scoresChart: 'Score per department',
    entriesChart: 'Entries against the target',
    cityEntries: 'City entries',
    target: 'Target',
    department: 'Department',
    score: 'Score',
    weights: 'Weights',
    notMeasured: 'not measured',
  },
} as const;

const scoreColor = (score: number | null) =>
  score === null ? '#d9dde3' : score >= 80 ? '#2f9e69' : score >= 60 ? '#e8a33d' : '#d64545';
const shown = (score: number | null) => (score === null ? '—' : score.toFixed(1));

function kpis(evaluation: Evaluation, lang: Lang): string {
  const t = TEXT[lang];
  const { city } = evaluation;
  const ratio = city.entriesRatio === null ? '' : ` <small>${Math.floor(city.entriesRatio * 100)}%</small>`;
  return `<div class="eval-kpis">
    <div class="kpi"><div class="label">${t.cityScore}</div><div class="value" style="color:${scoreColor(city.score)}">${shown(city.score)}</div><div class="hint">${t.cityScoreHint}</div></div>
    <div class="kpi"><div class="label">${t.entries}</div><div class="value">${city.entries}${ratio}</div><div class="hint">${t.entriesHint(city.entriesTarget)}</div></div>
    <div class="kpi"><div class="label">${t.nothingFiled}</div><div class="value${city.departmentsWithoutEntries ? ' err-text' : ''}">${city.departmentsWithoutEntries}</div><div class="hint">${t.nothingFiledHint(city.departments)}</div></div>
  </div>`;
}

function entriesChart(evaluation: Evaluation, lang: Lang): string {
  const t = TEXT[lang];
  const { entries, entriesTarget } = evaluation.city;
  if (entriesTarget === null) return '';
  const rows = [
    { label: t.cityEntries, value: entries, color: '#3b7dd8', text: String(entries) },
    { label: t.target, value: entriesTarget, color: '#8c96a3', text: String(entriesTarget) },
  ];
  return `<h3 class="eval-h3">${t.entriesChart}</h3>${barChart(rows, Math.max(entries, entriesTarget), t.entriesChart, { width: 1110, labelWidth: 200, barWidth: 760 })}`;
}

function componentCell(component: DepartmentScore['components'][number], lang: Lang): string {
  if (component.score === null)
    return `<td class="num muted" title="${escapeHtml(component.note?.[lang] ?? TEXT[lang].notMeasured)}">—</td>`;
  return `<td class="num"><span class="eval-score" style="--c:${scoreColor(component.score)}">${component.score.toFixed(1)}</span></td>`;
}

function componentTable(evaluation: Evaluation, lang: Lang): string {
  const t = TEXT[lang];
  const head = COMPONENT_IDS.map(
    (id) =>
      `<th class="num">${COMPONENT_LABELS[id][lang]}<div class="muted">${t.weights} ${evaluation.weights[id]}</div></th>`,
  ).join('');
  const rows = evaluation.departments
    .map(
      (
        d,
      ) => `<tr><td><div class="res-name">${escapeHtml(d.name)}</div><div class="res-code">${escapeHtml(d.code)}</div></td>
  <td class="num"><b style="color:${scoreColor(d.score)}">${shown(d.score)}</b></td>${d.components.map((c) => componentCell(c, lang)).join('')}</tr>`,
    )
    .join('\n');
  return `<table class="eval-table"><thead><tr><th>${t.department}</th><th class="num">${t.score}</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

export function renderEvaluationSection(
  evaluation: Evaluation,
  notes: readonly LocalizedText[],
  lang: Lang,
): string {
  const t = TEXT[lang];
  const scores = barChart(
    evaluation.departments.map((d) => ({
      label: d.name,
      value: d.score ?? 0,
      color: scoreColor(d.score),
      text: shown(d.score),
    })),
    100,
    t.scoresChart,
    { colon: lang === 'zh' ? '：' : ': ', width: 1110, labelWidth: 200, barWidth: 760 },
  );
  return `<section class="card evaluation" id="evaluation"><h2>${t.title}<small>${t.subtitle}</small></h2>
  ${kpis(evaluation, lang)}
  <h3 class="eval-h3">${t.scoresChart}</h3>${scores}
  ${entriesChart(evaluation, lang)}
  ${componentTable(evaluation, lang)}
  <ul class="eval-notes">${notes.map((note) => `<li>${escapeHtml(note[lang])}</li>`).join('')}</ul>
</section>`;
}
