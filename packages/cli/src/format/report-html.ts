import {
  type CatalogFindings,
  type CatalogStats,
  FINDINGS_STYLE,
  FINDINGS_TEXT,
  findingsAnchor,
  type Lang,
  type ProviderStats,
  renderFindingsSection,
  renderFixFirstSection,
  renderRuleTable,
  type ShareBucket,
  vocabularies,
} from '@unsilo/sdk/catalog';
import { escapeHtml } from '@unsilo/sdk/html';
import { formatLocalTime } from './local-time';
import { STYLE } from './report-style';
import { REPORT_TEXT, type ReportText } from './report-text';

/** Renders the completeness report as one self-contained HTML page: inline CSS and SVG, no external resource. */

const SHARE_ORDER: ShareBucket[] = ['unconditional', 'conditional', 'none', 'unknown'];
const SHARE_COLOR: Record<ShareBucket, string> = {
  unconditional: '#2f9e69',
  conditional: '#e8a33d',
  none: '#8c96a3',
  unknown: '#d9dde3',
};
const cycleLabel = (lang: Lang, token: string) =>
  vocabularies.updateCycle.find((term) => term.token === token)?.[lang];

/** Floors, so that 99.6% complete never shows as 100%. */
const pct = (ratio: number) => `${Math.floor(ratio * 100 + 1e-9)}%`;
const completenessColor = (ratio: number) =>
  ratio >= 0.95 ? '#2f9e69' : ratio >= 0.8 ? '#e8a33d' : '#d64545';

function donut(share: Record<ShareBucket, number>, total: number, text: ReportText): string {
  const size = 168;
  const radius = 60;
  const stroke = 24;
  const circumference = 2 * Math.PI * radius;
  let offset = 0;
  const segments = SHARE_ORDER.filter((bucket) => share[bucket] > 0).map((bucket) => {
    const length = (share[bucket] / Math.max(total, 1)) * circumference;
    const segment = `<circle cx="${size / 2}" cy="${size / 2}" r="${radius}" fill="none" stroke="${SHARE_COLOR[bucket]}" stroke-width="${stroke}" stroke-dasharray="${length.toFixed(2)} ${(circumference - length).toFixed(2)}" stroke-dashoffset="${(-offset).toFixed(2)}"><title>${text.share[bucket]}${text.colon}${share[bucket]}</title></circle>`;
    offset += length;
    return segment;
  });
  return `<svg class="chart donut" role="img" aria-label="${text.shareChart}" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}">
  <circle cx="${size / 2}" cy="${size / 2}" r="${radius}" fill="none" stroke="#eef1f4" stroke-width="${stroke}"/>
  <g transform="rotate(-90 ${size / 2} ${size / 2})">${segments.join('')}</g>
  <text x="50%" y="47%" text-anchor="middle" class="donut-total">${total}</text>
  <text x="50%" y="62%" text-anchor="middle" class="donut-caption">${text.resourcesCaption}</text>
</svg>`;
}

function legend(share: Record<ShareBucket, number>, total: number, text: ReportText): string {
  return `<ul class="legend">${SHARE_ORDER.filter((bucket) => bucket !== 'unknown' || share.unknown > 0)
    .map(
      (bucket) =>
        `<li><span class="swatch" style="background:${SHARE_COLOR[bucket]}"></span>${text.share[bucket]}<b>${share[bucket]}</b><em>${pct(share[bucket] / Math.max(total, 1))}</em></li>`,
    )
    .join('')}</ul>`;
}

/** Horizontal bars with labels on the left; `value` formats the figure shown at the end of each bar. */
export function barChart(
  rows: Array<{ label: string; value: number; color: string; text: string; title?: string; note?: string }>,
  max: number,
  label: string,
  options: { labelWidth?: number; width?: number; maxLabel?: number; barWidth?: number; colon?: string } = {},
): string {
  const { labelWidth = 190, width = 640, maxLabel = 15 } = options;
  const rowHeight = 30;
  const barWidth = options.barWidth ?? width - labelWidth - 70;
  const height = rows.length * rowHeight + 8;
  const bars = rows
    .map((row, i) => {
      const y = i * rowHeight + 4;
      const w = Math.max(2, (row.value / Math.max(max, 1e-9)) * barWidth);
      return `<g transform="translate(0 ${y})"><title>${escapeHtml(row.title ?? `${row.label}${options.colon ?? '：'}${row.text}`)}</title>
  <text x="${labelWidth - 10}" y="15" text-anchor="end" class="bar-label">${escapeHtml(truncate(row.label, maxLabel))}</text>
  <rect x="${labelWidth}" y="3" width="${barWidth}" height="16" rx="4" fill="#f0f2f5"/>
  <rect x="${labelWidth}" y="3" width="${w.toFixed(1)}" height="16" rx="4" fill="${row.color}"/>
  <text x="${labelWidth + w + 8}" y="15" class="bar-value">${escapeHtml(row.text)}</text>${row.note ? `\n  <text x="${labelWidth + barWidth + 44}" y="15" class="bar-note">${escapeHtml(truncate(row.note, 36))}</text>` : ''}</g>`;
    })
    .join('\n');
  return `<svg class="chart bars" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">${bars}</svg>`;
}

function stackedShare(providers: ProviderStats[], text: ReportText): string {
  const rowHeight = 32;
  const labelWidth = 210;
  const width = 1110;
  const barWidth = width - labelWidth - 50;
  const height = providers.length * rowHeight + 8;
  const rows = providers
    .map((provider, i) => {
      const total = provider.resources.length;
      let x = labelWidth;
      const parts = SHARE_ORDER.filter((bucket) => provider.share[bucket] > 0)
        .map((bucket) => {
          const w = (provider.share[bucket] / total) * barWidth;
          const part = `<rect x="${x.toFixed(1)}" y="4" width="${w.toFixed(1)}" height="18" fill="${SHARE_COLOR[bucket]}"><title>${escapeHtml(provider.name)} · ${text.share[bucket]}${text.colon}${provider.share[bucket]}</title></rect>${w > 22 ? `<text x="${(x + w / 2).toFixed(1)}" y="17" text-anchor="middle" class="seg-value">${provider.share[bucket]}</text>` : ''}`;
          x += w;
          return part;
        })
        .join('');
      return `<g transform="translate(0 ${i * rowHeight + 4})"><text x="${labelWidth - 10}" y="17" text-anchor="end" class="bar-label">${escapeHtml(truncate(provider.name, 15))}</text><clipPath id="clip-${i}"><rect x="${labelWidth}" y="4" width="${barWidth}" height="18" rx="5"/></clipPath><g clip-path="url(#clip-${i})">${parts}</g><text x="${labelWidth + barWidth + 10}" y="17" class="bar-value">${total}</text></g>`;
    })
    .join('\n');
  return `<svg class="chart stacked" role="img" aria-label="${text.sharesByProvider}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">${rows}</svg>`;
}

function truncate(text: string, max: number): string {
  return [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
}

function providerSection(provider: ProviderStats, index: number, lang: Lang, anchor?: string): string {
  const text = REPORT_TEXT[lang];
  const total = provider.resources.length;
  const mini = SHARE_ORDER.filter((bucket) => provider.share[bucket] > 0)
    .map(
      (bucket) =>
        `<span style="flex:${provider.share[bucket]};background:${SHARE_COLOR[bucket]}" title="${text.share[bucket]}${text.colon}${provider.share[bucket]}"></span>`,
    )
    .join('');
  const rows = provider.resources
    .map(
      (resource) => `<tr>
  <td><div class="res-name">${escapeHtml(resource.name)}</div><div class="res-code">${escapeHtml(resource.code)}</div></td>
  <td><span class="badge" style="--c:${SHARE_COLOR[resource.shareType]}">${text.share[resource.shareType]}</span></td>
  <td>${escapeHtml(cycleLabel(lang, resource.updateCycle) ?? '—')}</td>
  <td class="num">${resource.items}</td>
  <td><div class="meter" title="${resource.missing.length ? `${text.missing}${text.colon}${escapeHtml(resource.missing.join(text.listSeparator))}` : text.allRequiredFilled}"><span style="width:${pct(resource.completeness)};background:${completenessColor(resource.completeness)}"></span></div><span class="meter-text">${pct(resource.completeness)}</span></td>
  <td class="num">${resource.errors ? `<span class="count err">${resource.errors}</span>` : ''}${resource.warnings ? `<span class="count warn">${resource.warnings}</span>` : ''}${resource.errors + resource.warnings === 0 ? '<span class="ok">✓</span>' : ''}</td>
</tr>`,
    )
    .join('\n');
  return `<section class="card provider" id="provider-${index + 1}">
  <header class="provider-head">
    <div><h3>${escapeHtml(provider.name)}</h3><div class="muted mono">${escapeHtml(provider.code || text.noProviderCode)}</div></div>
    <div class="provider-figures">
      <div><b>${total}</b><span>${text.figures.resources}</span></div>
      <div><b style="color:${completenessColor(provider.completeness)}">${pct(provider.completeness)}</b><span>${text.figures.completeness}</span></div>
      <div><b class="${provider.errors ? 'err-text' : ''}">${provider.errors}</b><span>${text.figures.errors}</span></div>
      <div><b class="${provider.warnings ? 'warn-text' : ''}">${provider.warnings}</b><span>${text.figures.warnings}</span></div>
    </div>
  </header>
  <div class="mini-share">${mini}</div>
  ${anchor ? `<a class="findings-link" href="#${anchor}">${FINDINGS_TEXT[lang].seeFindings(provider.errors, provider.warnings)}</a>` : ''}
  <table>
    <thead><tr>${text.tableHead.map((head, i) => `<th${i === 3 || i === 5 ? ' class="num"' : ''}>${head}</th>`).join('')}</tr></thead>
    <tbody>${rows}</tbody>
  </table>
</section>`;
}

/** Two providers with one name (a typo in a code, a reorganisation) are told apart by their code. */
function distinctNames(providers: ProviderStats[]): ProviderStats[] {
  const counts = new Map<string, number>();
  for (const provider of providers) counts.set(provider.name, (counts.get(provider.name) ?? 0) + 1);
  return providers.map((provider) =>
    (counts.get(provider.name) ?? 0) > 1 && provider.code
      ? { ...provider, name: `${provider.name}·${provider.code.slice(-4)}` }
      : provider,
  );
}

export interface ReportPageOptions {
  title?: string;
  source: string;
  generatedAt: Date;
  lang?: Lang;
  /** The evaluation section (report-evaluation.ts), shown before the departments' details. */
  evaluation?: string;
  /** The roster, systems and services sections (report-governance-html.ts), shown after the findings. */
  governance?: string;
  /** The findings to fix (`catalogFindings`): "fix these first" at the top, then the list by department. */
  findings?: CatalogFindings;
}

/** The report as one page, in `lang` (default Chinese); times in the machine's local time, with the offset. */
export function renderReportHtml(input: CatalogStats, options: ReportPageOptions): string {
  const lang = options.lang ?? 'zh';
  const text = REPORT_TEXT[lang];
  const stats = { ...input, providers: distinctNames(input.providers) };
  const title = options.title ?? text.title;
  const ruleTable = renderRuleTable(stats, lang);
  const findings = options.findings;
  const provider = (p: ProviderStats, i: number) =>
    providerSection(
      p,
      i,
      lang,
      findings && findingsAnchor(findings, input.providers[i]?.name ?? p.name, p.code),
    );
  const completenessBars = barChart(
    stats.providers.map((p) => ({
      label: p.name,
      value: p.completeness,
      color: completenessColor(p.completeness),
      text: pct(p.completeness),
    })),
    1,
    text.completenessByProvider,
    { colon: text.colon },
  );
  const time = formatLocalTime(options.generatedAt, { lang });
  const shareLegend = legend(stats.share, stats.resources, text);
  const { kpi, cards } = text;
  return `<!doctype html>
<html lang="${text.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}${FINDINGS_STYLE}</style>
</head>
<body>
<main class="page">
  <div class="masthead">
    <div><h1>${escapeHtml(title)}</h1><div class="sub">${text.subtitle}</div></div>
    <div class="meta">${text.meta.catalogue}<span class="mono">${escapeHtml(options.source)}</span><br>${text.meta.generated}${escapeHtml(time)}</div>
  </div>
  <section class="kpis">
    <div class="kpi"><div class="label">${kpi.resources}</div><div class="value">${stats.resources}</div><div class="hint">${kpi.files(stats.files)}</div></div>
    <div class="kpi"><div class="label">${kpi.providers}</div><div class="value">${stats.providers.length}</div><div class="hint">${kpi.providersHint}</div></div>
    <div class="kpi"><div class="label">${kpi.completeness}</div><div class="value" style="color:${completenessColor(stats.completeness)}">${pct(stats.completeness)}</div><div class="hint">${kpi.completenessHint}</div></div>
    <div class="kpi"><div class="label">${kpi.errors}</div><div class="value${stats.errors ? ' err-text' : ''}">${stats.errors}</div><div class="hint">${kpi.errorsHint}</div></div>
    <div class="kpi"><div class="label">${kpi.warnings}</div><div class="value${stats.warnings ? ' warn-text' : ''}">${stats.warnings}</div><div class="hint">${kpi.warningsHint(stats.infos)}</div></div>
  </section>
  ${findings ? renderFixFirstSection(findings, lang) : ''}
  ${findings ? renderFindingsSection(findings, lang) : ''}
  ${options.governance ?? ''}
  <div class="grid">
    <section class="card share-card"><h2>${cards.share[0]}<small>${cards.share[1]}</small></h2>
      <div class="share-body">${donut(stats.share, stats.resources, text)}${shareLegend}</div>
    </section>
    <section class="card"><h2>${cards.completeness[0]}<small>${cards.completeness[1]}</small></h2>${completenessBars}</section>
  </div>
  <section class="card"><h2>${cards.shareByProvider[0]}<small>${cards.shareByProvider[1]}</small></h2>${stackedShare(stats.providers, text)}
    ${shareLegend.replace('class="legend"', 'class="legend inline"')}
  </section>
  <section class="card"><h2>${cards.findings[0]}<small>${cards.findings[1]}</small></h2>${ruleTable}</section>
  ${options.evaluation ?? ''}
  <h2 class="section">${cards.byProvider}</h2>
  ${stats.providers.map(provider).join('\n')}
  <footer>${text.footer}</footer>
</main>
</body>
</html>
`;
}
