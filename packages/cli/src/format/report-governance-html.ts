import type {
  GovernanceReport,
  Lang,
  MatterFigures,
  RosterFigures,
  SystemFigures,
} from '@unsilo/sdk/catalog';
import { escapeHtml } from '@unsilo/sdk/html';
import { GOVERNANCE_TEXT, type GovernanceText } from './report-governance-text';

/**
 * The governance sections of the completeness report, shown first: the departments of the roster that filed
 * nothing (the figure the city's leadership asks for), the systems registry against the catalogue, and the
 * services and powers whose data is not catalogued.
 */

/** Lists longer than this show their first rows and a count of the rest. */
const SHOWN = 50;
const pct = (ratio: number) => `${Math.floor(ratio * 100 + 1e-9)}%`;
const completenessColor = (ratio: number) =>
  ratio >= 0.95 ? '#2f9e69' : ratio >= 0.8 ? '#e8a33d' : '#d64545';

export function renderGovernanceSections(report: GovernanceReport, lang: Lang): string {
  const text = GOVERNANCE_TEXT[lang];
  return [
    report.roster ? rosterSection(report.roster, text) : '',
    report.systems ? systemsSection(report.systems, text) : '',
    report.matters ? mattersSection(report.matters, text) : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function rosterSection(roster: RosterFigures, text: GovernanceText): string {
  const none = roster.filedNothing.length;
  const headline = none
    ? `<div class="kpi" id="filed-nothing"><div class="value err-text">${escapeHtml(text.filedNothing(none, roster.departments.length))}</div>
  <div class="rule-chips" style="margin-top:10px">${roster.filedNothing.map((d) => `<span class="chip">${escapeHtml(d.name)}</span>`).join('')}</div></div>`
    : `<div class="empty" id="filed-nothing">✓ ${text.allFiled}</div>`;
  const rows = roster.departments
    .map(
      (
        d,
      ) => `<tr${d.none ? ' class="filed-nothing"' : ''}><td class="res-name">${escapeHtml(d.name)}</td><td class="res-code">${escapeHtml(d.code ?? '—')}</td>
  <td class="num">${d.none ? '<span class="count err">0</span>' : d.entries}</td>
  <td>${d.none ? '—' : `<div class="meter"><span style="width:${pct(d.completeness)};background:${completenessColor(d.completeness)}"></span></div><span class="meter-text">${pct(d.completeness)}</span>`}</td>
  <td class="num">${d.errors ? `<span class="count err">${d.errors}</span>` : d.none ? '' : '<span class="ok">✓</span>'}</td></tr>`,
    )
    .join('\n');
  const unlisted = roster.unlisted.length
    ? `<h3 style="font-size:14px;margin:16px 0 6px">${text.unlisted}</h3>${table(
        [text.rosterHead[0], text.rosterHead[1], text.rosterHead[2]],
        roster.unlisted.map((p) => [p.name, p.code || '—', String(p.resources.length)]),
        text,
      )}`
    : '';
  return `<section class="card governance roster"><h2>${text.rosterTitle[0]}<small>${text.rosterTitle[1]}</small></h2>
  ${headline}
  <table><thead><tr>${text.rosterHead.map((h, i) => `<th${i >= 2 && i !== 3 ? ' class="num"' : ''}>${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>
  ${unlisted}
</section>`;
}

function systemsSection(systems: SystemFigures, text: GovernanceText): string {
  const kpi = (label: string, value: number, bad: boolean) =>
    `<div class="kpi"><div class="label">${label}</div><div class="value${bad && value ? ' err-text' : ''}">${value}</div></div>`;
  const scopes = systems.scopes
    .map(
      (s) => `<tr><td>${text.scope[s.scope]}</td><td class="num">${s.count}</td>
  <td><div class="meter" style="width:220px"><span style="width:${pct(s.share)};background:#3f7fd9"></span></div><span class="meter-text">${pct(s.share)}</span></td></tr>`,
    )
    .join('');
  const systemRows = (list: SystemFigures['withoutEntries']) =>
    list.map((s) => [s.id, s.name, s.department ?? '—']);
  const entryRows = (list: SystemFigures['entriesWithoutSystem']) =>
    list.map((e) => [e.name, e.code, e.provider]);
  return `<section class="card governance systems"><h2>${text.systemsTitle[0]}<small>${text.systemsTitle[1]}</small></h2>
  <div class="eval-kpis" style="grid-template-columns:repeat(4,1fr)">${kpi(text.systemsKpi.total, systems.total, false)}${kpi(text.systemsKpi.withoutEntries, systems.withoutEntries.length, true)}${kpi(text.systemsKpi.notConnected, systems.notConnected.length, true)}${kpi(text.systemsKpi.withoutSystem, systems.entriesWithoutSystem.length, true)}</div>
  <h3 style="font-size:14px;margin:16px 0 6px">${text.scopes}</h3><table><tbody>${scopes}</tbody></table>
  ${titled(text.systemsNotConnected, table(text.systemHead, systemRows(systems.notConnected), text), 'not-connected')}
  ${titled(text.systemsWithoutEntries, table(text.systemHead, systemRows(systems.withoutEntries), text), 'without-entries')}
  ${titled(text.entriesWithoutSystem, table(['', '', ''], entryRows(systems.entriesWithoutSystem), text), 'without-system')}
  ${
    systems.entriesWithUnknownSystem.length
      ? titled(
          text.entriesWithUnknownSystem,
          table(
            ['', '', ''],
            systems.entriesWithUnknownSystem.map((e) => [e.name, e.file, e.system]),
            text,
          ),
          'unknown-system',
        )
      : ''
  }
</section>`;
}

function mattersSection(matters: MatterFigures, text: GovernanceText): string {
  const kpi = (label: string, value: number, bad: boolean) =>
    `<div class="kpi"><div class="label">${label}</div><div class="value${bad && value ? ' err-text' : ''}">${value}</div></div>`;
  return `<section class="card governance matters"><h2>${text.mattersTitle[0]}<small>${text.mattersTitle[1]}</small></h2>
  <div class="eval-kpis" style="grid-template-columns:repeat(4,1fr)">${kpi(text.mattersKpi.services, matters.services, false)}${kpi(text.mattersKpi.powers, matters.powers, false)}${kpi(text.mattersKpi.unmet, matters.unmetNeeds.length, true)}${kpi(text.mattersKpi.unnamed, matters.unnamed.length, true)}</div>
  ${titled(
    text.unmetNeeds,
    table(
      text.unmetHead,
      matters.unmetNeeds.map((m) => [`${m.name}（${m.code}）`, text.kind[m.kind], m.missing.join('、')]),
      text,
    ),
    'unmet-needs',
  )}
  ${titled(
    text.unnamed,
    table(
      text.unmetHead.slice(0, 2),
      matters.unnamed.map((m) => [`${m.name}（${m.code}）`, text.kind[m.kind]]),
      text,
    ),
    'unnamed',
  )}
</section>`;
}

function titled(title: string, body: string, id: string): string {
  return `<h3 style="font-size:14px;margin:16px 0 6px" id="${id}">${title}</h3>${body}`;
}

/** A plain table of texts (escaped), its first SHOWN rows; an empty list says so. */
function table(head: readonly string[], rows: string[][], text: GovernanceText): string {
  if (rows.length === 0) return `<div class="empty">✓ ${text.none}</div>`;
  const shown = rows.slice(0, SHOWN);
  const body = shown
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('');
  const more =
    rows.length > SHOWN
      ? `<tr><td colspan="${head.length}" class="muted">${text.more(rows.length - SHOWN)}</td></tr>`
      : '';
  const thead = head.some(Boolean)
    ? `<thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead>`
    : '';
  return `<table>${thead}<tbody>${body}${more}</tbody></table>`;
}
