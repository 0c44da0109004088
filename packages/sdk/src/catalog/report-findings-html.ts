import { escapeHtml } from '../html/escape-html';
import { catalogElements } from './elements';
import { type CatalogStats, NO_PROVIDER_NAME } from './report';
import type {
  CatalogFindings,
  ReportDepartmentFindings,
  ReportFinding,
  ReportResourceFindings,
} from './report-findings';
import { FINDINGS_TEXT, type FindingsText } from './report-findings-text';
import { rules } from './rules/index';
import type { Lang, Severity } from './types';

/**
 * The sections of `unsilo catalog report` a catalogue office acts on: "fix these first" at the top, the findings
 * grouped by department and resource, and the rules explained in full in the reader's language (no "…" cut).
 * Plain HTML tables, so that they wrap on screen and break across pages on paper.
 */

const elementKeys = new Map(catalogElements.map((element) => [element.path, element]));

/** A rule as the reader reads it: its explanation in full, in their language; the id for `lint.rules`. */
export function ruleLabelHtml(id: string, lang: Lang): string {
  const description = rules.find((rule) => rule.id === id)?.description[lang];
  return `<span class="rule-label">${escapeHtml(description ?? id)}</span> <code class="rule-id">${escapeHtml(id)}</code>`;
}

/** The anchor of a department's findings group: `findings-1` for the first department listed. */
export function findingsAnchor(findings: CatalogFindings, name: string, code: string): string | undefined {
  const index = findings.departments.findIndex((d) => d.name === name && d.code === code);
  return index < 0 ? undefined : `findings-${index + 1}`;
}

/** The top of the page: the rules that block registration with how many entries each, the departments with most errors. */
export function renderFixFirstSection(findings: CatalogFindings, lang: Lang): string {
  const text = FINDINGS_TEXT[lang];
  const { fixFirst } = text;
  if (findings.blocking.length === 0) {
    return `<section class="card fix-first" id="fix-first"><h2>${fixFirst.title}</h2><div class="empty">${fixFirst.none}</div></section>`;
  }
  const blocking = findings.blocking
    .map(
      (rule) =>
        `<li>${ruleLabelHtml(rule.rule, lang)}<span class="figure err-text">${text.ruleFigures(rule.count, rule.entries)}</span></li>`,
    )
    .join('');
  const departments = findings.mostErrors
    .map(({ index, errors, warnings }) => {
      const name = escapeHtml(departmentName(findings.departments[index]!, text));
      return `<li><a href="#findings-${index + 1}">${name}</a><span class="figure">${text.departmentFigures(errors, warnings)}</span></li>`;
    })
    .join('');
  return `<section class="card fix-first" id="fix-first"><h2>${fixFirst.title}<small>${fixFirst.hint}</small></h2>
  <div class="fix-first-body">
    <div><h3>${fixFirst.rules}</h3><ol class="fix-list">${blocking}</ol></div>
    <div><h3>${fixFirst.departments}</h3><ol class="fix-list">${departments}</ol></div>
  </div>
</section>`;
}

/** Every error and warning, grouped by department then resource, errors first, with file, line, field and fix. */
export function renderFindingsSection(findings: CatalogFindings, lang: Lang): string {
  const text = FINDINGS_TEXT[lang];
  const body = findings.departments.length
    ? `<div class="findings-scroll"><table class="findings-table" id="findings-table">
  <thead><tr><th>${text.head.where}</th><th>${text.head.field}</th><th>${text.head.problem}</th><th>${text.head.fix}</th></tr></thead>
  ${findings.departments.map((department, index) => departmentRows(department, index, text, lang)).join('\n')}
</table></div>`
    : `<div class="empty">${text.findings.none}</div>`;
  return `<section class="card findings" id="findings"><h2>${text.findings.title}<small>${text.findings.hint}</small></h2>${body}</section>`;
}

function departmentRows(department: ReportDepartmentFindings, index: number, text: FindingsText, lang: Lang) {
  const code = department.code ? ` <span class="mono muted">${escapeHtml(department.code)}</span>` : '';
  const head = `<tr class="dept-row" id="findings-${index + 1}"><th colspan="4">${escapeHtml(departmentName(department, text))}${code}<span class="figure">${text.departmentFigures(department.errors, department.warnings)}</span></th></tr>`;
  return `<tbody class="dept" data-department="${escapeHtml(department.name)}">${head}
${department.resources.map((resource) => resourceRows(resource, text, lang)).join('\n')}</tbody>`;
}

function resourceRows(resource: ReportResourceFindings, text: FindingsText, lang: Lang): string {
  const name = resource.name ? escapeHtml(resource.name) : '';
  const code = resource.code ? `<span class="res-code">${escapeHtml(resource.code)}</span>` : '';
  const head = `<tr class="res-row"><td colspan="4"><span class="res-name">${name}</span> ${code} <span class="mono muted">${escapeHtml(resource.file)}</span></td></tr>`;
  return `${head}\n${resource.findings.map((finding) => findingRow(finding, text, lang)).join('\n')}`;
}

function findingRow(finding: ReportFinding, text: FindingsText, lang: Lang): string {
  const fix = finding.fix
    ? `${escapeHtml(finding.fix.title[lang])}<div class="muted">${finding.fix.automatic ? text.fixHow.automatic : text.fixHow.suggestion}</div>`
    : `<span class="muted">${text.fixHow.byHand}</span>`;
  return `<tr class="finding ${finding.severity}" data-rule="${escapeHtml(finding.rule)}">
  <td class="where"><span class="sev ${finding.severity}">${severityLabel(finding.severity, text)}</span> <span class="mono">${escapeHtml(finding.file)}:${finding.line}</span></td>
  <td class="field-cell">${fieldHtml(finding.field, text, lang)}</td>
  <td>${escapeHtml(finding.message[lang])}<div class="muted">${ruleLabelHtml(finding.rule, lang)}</div></td>
  <td class="fix-cell">${fix}</td>
</tr>`;
}

/** The field's national name in the reader's language, then its path as the file writes it. */
function fieldHtml(field: string, text: FindingsText, lang: Lang): string {
  if (!field) return `<span class="muted">${text.wholeEntry}</span>`;
  const element = elementKeys.get(field.replace(/\[\d+\]/g, '[]'));
  const name = element ? `<div>${escapeHtml(element[lang])}</div>` : '';
  return `${name}<code class="field">${escapeHtml(field)}</code>`;
}

const severityLabel = (severity: Severity, text: FindingsText) => text.severity[severity];

function departmentName(department: ReportDepartmentFindings, text: FindingsText): string {
  if (department.name === '' && department.code === '' && department.resources.every((r) => !r.code))
    return department.resources.every((r) => !r.name) ? text.notParsed : text.noProvider;
  return department.name && department.name !== NO_PROVIDER_NAME ? department.name : text.noProvider;
}

/** The findings by rule, each rule explained in full, with a bar for its count: a table that wraps, not an SVG. */
export function renderRuleTable(stats: CatalogStats, lang: Lang): string {
  const text = FINDINGS_TEXT[lang];
  if (stats.byRule.length === 0) return `<div class="empty">${text.findings.none}</div>`;
  const max = Math.max(1, ...stats.byRule.map((rule) => rule.count));
  const rows = stats.byRule
    .map(
      (rule) => `<tr class="${rule.severity}">
  <td>${ruleLabelHtml(rule.rule, lang)}</td>
  <td><span class="sev ${rule.severity}">${severityLabel(rule.severity, text)}</span></td>
  <td class="num"><span class="rule-bar ${rule.severity}" style="width:${Math.max(2, Math.round((rule.count / max) * 120))}px"></span> ${rule.count}</td>
</tr>`,
    )
    .join('\n');
  return `<table class="rule-table"><thead><tr><th>${text.rules.head[0]}</th><th>${text.rules.head[1]}</th><th class="num">${text.rules.head[2]}</th></tr></thead><tbody>${rows}</tbody></table>`;
}
