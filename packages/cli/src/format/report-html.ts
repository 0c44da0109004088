import {
  type CatalogStats,
  type ProviderStats,
  rules,
  type ShareBucket,
  vocabularies,
} from '@unsilo/sdk/catalog';
import { escapeHtml } from '@unsilo/sdk/html';

/** Renders the completeness report as one self-contained HTML page: inline CSS and SVG, no external resource. */

const SHARE_ORDER: ShareBucket[] = ['unconditional', 'conditional', 'none', 'unknown'];
const SHARE_LABEL: Record<ShareBucket, string> = {
  unconditional: '无条件共享',
  conditional: '有条件共享',
  none: '不予共享',
  unknown: '未填写/无效',
};
const SHARE_COLOR: Record<ShareBucket, string> = {
  unconditional: '#2f9e69',
  conditional: '#e8a33d',
  none: '#8c96a3',
  unknown: '#d9dde3',
};
const CYCLE_LABEL = new Map(vocabularies.updateCycle.map((term) => [term.token, term.zh]));
const RULE_TEXT = new Map(rules.map((rule) => [rule.id, rule.description.zh]));

/** Floors, so that 99.6% complete never shows as 100%. */
const pct = (ratio: number) => `${Math.floor(ratio * 100 + 1e-9)}%`;
const completenessColor = (ratio: number) =>
  ratio >= 0.95 ? '#2f9e69' : ratio >= 0.8 ? '#e8a33d' : '#d64545';

function donut(share: Record<ShareBucket, number>, total: number): string {
  const size = 168;
  const radius = 60;
  const stroke = 24;
  const circumference = 2 * Math.PI * radius;
  let offset = 0;
  const segments = SHARE_ORDER.filter((bucket) => share[bucket] > 0).map((bucket) => {
    const length = (share[bucket] / Math.max(total, 1)) * circumference;
    const segment = `<circle cx="${size / 2}" cy="${size / 2}" r="${radius}" fill="none" stroke="${SHARE_COLOR[bucket]}" stroke-width="${stroke}" stroke-dasharray="${length.toFixed(2)} ${(circumference - length).toFixed(2)}" stroke-dashoffset="${(-offset).toFixed(2)}"><title>${SHARE_LABEL[bucket]}：${share[bucket]}</title></circle>`;
    offset += length;
    return segment;
  });
  return `<svg class="chart donut" role="img" aria-label="共享类型分布" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}">
  <circle cx="${size / 2}" cy="${size / 2}" r="${radius}" fill="none" stroke="#eef1f4" stroke-width="${stroke}"/>
  <g transform="rotate(-90 ${size / 2} ${size / 2})">${segments.join('')}</g>
  <text x="50%" y="47%" text-anchor="middle" class="donut-total">${total}</text>
  <text x="50%" y="62%" text-anchor="middle" class="donut-caption">项资源</text>
</svg>`;
}

function legend(share: Record<ShareBucket, number>, total: number): string {
  return `<ul class="legend">${SHARE_ORDER.filter((bucket) => bucket !== 'unknown' || share.unknown > 0)
    .map(
      (bucket) =>
        `<li><span class="swatch" style="background:${SHARE_COLOR[bucket]}"></span>${SHARE_LABEL[bucket]}<b>${share[bucket]}</b><em>${pct(share[bucket] / Math.max(total, 1))}</em></li>`,
    )
    .join('')}</ul>`;
}

/** Horizontal bars with labels on the left; `value` formats the figure shown at the end of each bar. */
function barChart(
  rows: Array<{ label: string; value: number; color: string; text: string; title?: string; note?: string }>,
  max: number,
  label: string,
  options: { labelWidth?: number; width?: number; maxLabel?: number; barWidth?: number } = {},
): string {
  const { labelWidth = 190, width = 640, maxLabel = 15 } = options;
  const rowHeight = 30;
  const barWidth = options.barWidth ?? width - labelWidth - 70;
  const height = rows.length * rowHeight + 8;
  const bars = rows
    .map((row, i) => {
      const y = i * rowHeight + 4;
      const w = Math.max(2, (row.value / Math.max(max, 1e-9)) * barWidth);
      return `<g transform="translate(0 ${y})"><title>${escapeHtml(row.title ?? `${row.label}：${row.text}`)}</title>
  <text x="${labelWidth - 10}" y="15" text-anchor="end" class="bar-label">${escapeHtml(truncate(row.label, maxLabel))}</text>
  <rect x="${labelWidth}" y="3" width="${barWidth}" height="16" rx="4" fill="#f0f2f5"/>
  <rect x="${labelWidth}" y="3" width="${w.toFixed(1)}" height="16" rx="4" fill="${row.color}"/>
  <text x="${labelWidth + w + 8}" y="15" class="bar-value">${escapeHtml(row.text)}</text>${row.note ? `\n  <text x="${labelWidth + barWidth + 44}" y="15" class="bar-note">${escapeHtml(truncate(row.note, 36))}</text>` : ''}</g>`;
    })
    .join('\n');
  return `<svg class="chart bars" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">${bars}</svg>`;
}

function stackedShare(providers: ProviderStats[]): string {
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
          const part = `<rect x="${x.toFixed(1)}" y="4" width="${w.toFixed(1)}" height="18" fill="${SHARE_COLOR[bucket]}"><title>${escapeHtml(provider.name)} · ${SHARE_LABEL[bucket]}：${provider.share[bucket]}</title></rect>${w > 22 ? `<text x="${(x + w / 2).toFixed(1)}" y="17" text-anchor="middle" class="seg-value">${provider.share[bucket]}</text>` : ''}`;
          x += w;
          return part;
        })
        .join('');
      return `<g transform="translate(0 ${i * rowHeight + 4})"><text x="${labelWidth - 10}" y="17" text-anchor="end" class="bar-label">${escapeHtml(truncate(provider.name, 15))}</text><clipPath id="clip-${i}"><rect x="${labelWidth}" y="4" width="${barWidth}" height="18" rx="5"/></clipPath><g clip-path="url(#clip-${i})">${parts}</g><text x="${labelWidth + barWidth + 10}" y="17" class="bar-value">${total}</text></g>`;
    })
    .join('\n');
  return `<svg class="chart stacked" role="img" aria-label="各部门共享类型" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">${rows}</svg>`;
}

function truncate(text: string, max: number): string {
  return [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
}

function providerSection(provider: ProviderStats, index: number): string {
  const total = provider.resources.length;
  const rules = Object.entries(provider.errorsByRule).sort((a, b) => b[1] - a[1]);
  const mini = SHARE_ORDER.filter((bucket) => provider.share[bucket] > 0)
    .map(
      (bucket) =>
        `<span style="flex:${provider.share[bucket]};background:${SHARE_COLOR[bucket]}" title="${SHARE_LABEL[bucket]}：${provider.share[bucket]}"></span>`,
    )
    .join('');
  const rows = provider.resources
    .map(
      (resource) => `<tr>
  <td><div class="res-name">${escapeHtml(resource.name)}</div><div class="res-code">${escapeHtml(resource.code)}</div></td>
  <td><span class="badge" style="--c:${SHARE_COLOR[resource.shareType]}">${SHARE_LABEL[resource.shareType]}</span></td>
  <td>${escapeHtml(CYCLE_LABEL.get(resource.updateCycle) ?? '—')}</td>
  <td class="num">${resource.items}</td>
  <td><div class="meter" title="${resource.missing.length ? `缺少：${escapeHtml(resource.missing.join('、'))}` : '必填字段齐全'}"><span style="width:${pct(resource.completeness)};background:${completenessColor(resource.completeness)}"></span></div><span class="meter-text">${pct(resource.completeness)}</span></td>
  <td class="num">${resource.errors ? `<span class="count err">${resource.errors}</span>` : ''}${resource.warnings ? `<span class="count warn">${resource.warnings}</span>` : ''}${resource.errors + resource.warnings === 0 ? '<span class="ok">✓</span>' : ''}</td>
</tr>`,
    )
    .join('\n');
  return `<section class="card provider" id="provider-${index + 1}">
  <header class="provider-head">
    <div><h3>${escapeHtml(provider.name)}</h3><div class="muted mono">${escapeHtml(provider.code || '未填写提供方代码')}</div></div>
    <div class="provider-figures">
      <div><b>${total}</b><span>资源</span></div>
      <div><b style="color:${completenessColor(provider.completeness)}">${pct(provider.completeness)}</b><span>完整度</span></div>
      <div><b class="${provider.errors ? 'err-text' : ''}">${provider.errors}</b><span>错误</span></div>
      <div><b class="${provider.warnings ? 'warn-text' : ''}">${provider.warnings}</b><span>警告</span></div>
    </div>
  </header>
  <div class="mini-share">${mini}</div>
  ${rules.length ? `<div class="rule-chips">${rules.map(([rule, count]) => `<span class="chip" title="${escapeHtml(RULE_TEXT.get(rule) ?? '')}"><code>${escapeHtml(rule)}</code> ${count}</span>`).join('')}</div>` : ''}
  <table>
    <thead><tr><th>信息资源</th><th>共享类型</th><th>更新周期</th><th class="num">信息项</th><th>完整度</th><th class="num">问题</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>
</section>`;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f4f6f9;color:#1f2733;font:14px/1.6 -apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",system-ui,sans-serif;-webkit-font-smoothing:antialiased}
.page{max-width:1180px;margin:0 auto;padding:36px 28px 56px}
.masthead{display:flex;justify-content:space-between;align-items:flex-end;gap:24px;margin-bottom:24px}
.masthead h1{margin:0;font-size:26px;font-weight:700;letter-spacing:.5px}
.masthead .sub{color:#6b7685;margin-top:4px}
.masthead .meta{color:#6b7685;text-align:right;font-size:13px}
.kpis{display:grid;grid-template-columns:repeat(5,1fr);gap:16px;margin-bottom:20px}
.kpi{background:#fff;border-radius:14px;padding:18px 20px;box-shadow:0 1px 2px rgba(16,24,40,.06),0 1px 3px rgba(16,24,40,.08)}
.kpi .label{color:#6b7685;font-size:13px}
.kpi .value{font-size:30px;font-weight:700;margin-top:2px;font-variant-numeric:tabular-nums}
.kpi .hint{color:#8a94a3;font-size:12px}
.grid{display:grid;grid-template-columns:5fr 7fr;gap:20px;margin-bottom:20px}
.card{background:#fff;border-radius:14px;padding:22px 24px;box-shadow:0 1px 2px rgba(16,24,40,.06),0 1px 3px rgba(16,24,40,.08);margin-bottom:20px}
.grid .card{margin-bottom:0}
.card h2{font-size:16px;margin:0 0 14px;font-weight:650}
.card h2 small{color:#8a94a3;font-weight:400;margin-left:8px;font-size:12px}
.share-card{display:flex;flex-direction:column}
.share-body{display:flex;align-items:center;gap:28px;flex:1}
.donut-total{font-size:30px;font-weight:700;fill:#1f2733}
.donut-caption{font-size:12px;fill:#6b7685}
.legend{list-style:none;margin:0;padding:0;flex:1}
.legend li{display:flex;align-items:center;gap:10px;padding:7px 0;border-bottom:1px dashed #edf0f3}
.legend li:last-child{border-bottom:0}
.legend b{margin-left:auto;font-variant-numeric:tabular-nums}
.legend em{font-style:normal;color:#8a94a3;width:44px;text-align:right;font-size:12px}
.legend.inline{display:flex;gap:22px;margin-top:12px}
.legend.inline li{border:0;padding:0}
.legend.inline b,.legend.inline em{margin-left:4px;width:auto}
.swatch{width:12px;height:12px;border-radius:3px;display:inline-block}
.bar-label{font-size:13px;fill:#3a4452}
.bars .bar-label{font-size:12.5px}
.bar-note{fill:#8a94a3;font-size:12px}
.bar-value{font-size:12px;fill:#4a5563;font-variant-numeric:tabular-nums}
.seg-value{font-size:11px;fill:#fff;font-weight:600}
.rules-table{width:100%;border-collapse:collapse}
.empty{color:#2f9e69;padding:10px 0}
h2.section{font-size:18px;margin:32px 0 14px}
.provider-head{display:flex;justify-content:space-between;align-items:center;gap:16px}
.provider-head h3{margin:0;font-size:17px}
.muted{color:#8a94a3;font-size:12px}
.mono{font-family:"SF Mono",Menlo,Consolas,monospace}
.provider-figures{display:flex;gap:26px;text-align:center}
.provider-figures b{display:block;font-size:20px;font-variant-numeric:tabular-nums}
.provider-figures span{color:#8a94a3;font-size:12px}
.err-text{color:#d64545}.warn-text{color:#c98417}
.mini-share{display:flex;height:8px;border-radius:4px;overflow:hidden;margin:14px 0 10px;background:#eef1f4}
.rule-chips{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:8px}
.chip{background:#fdf1f1;color:#a33636;border-radius:999px;padding:2px 10px;font-size:12px}
.chip code{font-size:11.5px}
table{width:100%;border-collapse:collapse;margin-top:6px}
th{text-align:left;font-weight:600;color:#6b7685;font-size:12px;padding:8px 10px;border-bottom:1px solid #e6e9ee}
td{padding:9px 10px;border-bottom:1px solid #f0f2f5;vertical-align:middle}
tr:last-child td{border-bottom:0}
.num{text-align:right;font-variant-numeric:tabular-nums}
.res-name{font-weight:550}
.res-code{color:#8a94a3;font:12px "SF Mono",Menlo,Consolas,monospace}
.badge{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;color:var(--c);background:color-mix(in srgb,var(--c) 13%,white);border:1px solid color-mix(in srgb,var(--c) 35%,white);white-space:nowrap}
.meter{display:inline-block;width:90px;height:7px;background:#eef1f4;border-radius:4px;overflow:hidden;vertical-align:middle}
.meter span{display:block;height:100%}
.meter-text{margin-left:8px;font-size:12px;color:#4a5563;font-variant-numeric:tabular-nums}
.count{display:inline-block;min-width:22px;padding:0 6px;border-radius:999px;font-size:12px;text-align:center;margin-left:4px}
.count.err{background:#fde8e8;color:#c03535}.count.warn{background:#fdf3e1;color:#a86a0e}
.ok{color:#2f9e69}
footer{color:#9aa3af;font-size:12px;text-align:center;margin-top:28px}
@media (max-width:900px){.kpis{grid-template-columns:repeat(2,1fr)}.grid{grid-template-columns:1fr}}
@media print{body{background:#fff}.card,.kpi{box-shadow:none;border:1px solid #e6e9ee}}
`;

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

export function renderReportHtml(
  input: CatalogStats,
  options: { title?: string; source: string; generatedAt: Date },
): string {
  const stats = { ...input, providers: distinctNames(input.providers) };
  const title = options.title ?? '政务信息资源目录质量报告';
  const maxRule = Math.max(1, ...stats.byRule.map((r) => r.count));
  const ruleBars = stats.byRule.length
    ? barChart(
        stats.byRule.map((r) => ({
          label: r.rule,
          value: r.count,
          color: r.severity === 'error' ? '#d64545' : '#e8a33d',
          text: `${r.count}`,
          title: `${r.rule}：${RULE_TEXT.get(r.rule) ?? ''}（${r.count}）`,
          note: RULE_TEXT.get(r.rule),
        })),
        maxRule,
        '问题分布（按规则）',
        { labelWidth: 200, width: 1110, maxLabel: 40, barWidth: 420 },
      )
    : '<div class="empty">✓ 没有错误或警告</div>';
  const completenessBars = barChart(
    stats.providers.map((p) => ({
      label: p.name,
      value: p.completeness,
      color: completenessColor(p.completeness),
      text: pct(p.completeness),
    })),
    1,
    '各部门必填字段完整度',
  );
  const time = options.generatedAt.toISOString().replace('T', ' ').slice(0, 16);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main class="page">
  <div class="masthead">
    <div><h1>${escapeHtml(title)}</h1><div class="sub">按提供部门统计资源数量、共享类型、必填字段完整度和检查发现的问题</div></div>
    <div class="meta">目录：<span class="mono">${escapeHtml(options.source)}</span><br>生成时间：${escapeHtml(time)} UTC</div>
  </div>
  <section class="kpis">
    <div class="kpi"><div class="label">信息资源</div><div class="value">${stats.resources}</div><div class="hint">${stats.files} 个目录文件</div></div>
    <div class="kpi"><div class="label">提供部门</div><div class="value">${stats.providers.length}</div><div class="hint">按提供方代码归并</div></div>
    <div class="kpi"><div class="label">平均完整度</div><div class="value" style="color:${completenessColor(stats.completeness)}">${pct(stats.completeness)}</div><div class="hint">必填字段已填写的比例</div></div>
    <div class="kpi"><div class="label">错误</div><div class="value${stats.errors ? ' err-text' : ''}">${stats.errors}</div><div class="hint">须在登记前修正</div></div>
    <div class="kpi"><div class="label">警告</div><div class="value${stats.warnings ? ' warn-text' : ''}">${stats.warnings}</div><div class="hint">建议修正 · 提示 ${stats.infos}</div></div>
  </section>
  <div class="grid">
    <section class="card share-card"><h2>共享类型分布<small>全部资源</small></h2>
      <div class="share-body">${donut(stats.share, stats.resources)}${legend(stats.share, stats.resources)}</div>
    </section>
    <section class="card"><h2>各部门完整度<small>必填字段已填写比例</small></h2>${completenessBars}</section>
  </div>
  <section class="card"><h2>各部门共享类型<small>资源数</small></h2>${stackedShare(stats.providers)}
    ${legend(stats.share, stats.resources).replace('class="legend"', 'class="legend inline"')}
  </section>
  <section class="card"><h2>问题分布<small>按规则，错误与警告</small></h2>${ruleBars}</section>
  <h2 class="section">各部门明细</h2>
  ${stats.providers.map(providerSection).join('\n')}
  <footer>由 unsilo catalog report 生成 · 规则与 unsilo lint、编辑器和交换平台一致</footer>
</main>
</body>
</html>
`;
}
