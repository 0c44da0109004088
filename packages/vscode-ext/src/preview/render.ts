import type { FieldMapping, FieldSpec, MappingDiagnostic, PreviewResult } from '@unsilo/sdk/mapping';

export type Lang = 'zh' | 'en';

/** Everything the mapping preview shows; built by the extension, rendered by `renderPreviewHtml`. */
export interface PreviewView {
  lang: Lang;
  /** Workspace-relative path of the mapping file. */
  mappingPath: string;
  mapping?: FieldMapping;
  resource?: string;
  entry?: { name?: string; path: string; items: Array<{ key: string; name?: string }> };
  samplePath?: string;
  /** Why there is no result (no sample, unreadable sample, entry missing…). */
  notices: string[];
  result?: PreviewResult;
}

export interface RenderOptions {
  /** Per-render random nonce: only the page's own style and script run. */
  nonce: string;
  /** Rows shown before/after (the summary still counts them all). */
  rowLimit?: number;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Every value that reaches the page goes through here: sample data is untrusted input. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

const strings = {
  title: { zh: '字段映射预览', en: 'Mapping preview' },
  target: { zh: '目标信息项', en: 'Target item' },
  source: { zh: '来源列', en: 'Source column' },
  how: { zh: '转换 / 代码 / 校验', en: 'Transforms / codes / checks' },
  coverage: { zh: '覆盖率', en: 'Coverage' },
  mappedItems: { zh: '已映射信息项', en: 'items mapped' },
  unmappedRequired: { zh: '未映射的必填项', en: 'Required items not mapped' },
  unmappedKeys: { zh: '未映射的主键', en: 'Key items not mapped' },
  summary: { zh: '样例行', en: 'Sample rows' },
  read: { zh: '读取', en: 'read' },
  accepted: { zh: '接收', en: 'accepted' },
  rejected: { zh: '拒收', en: 'rejected' },
  warnings: { zh: '警告', en: 'warnings' },
  rows: { zh: '转换前后', en: 'Before / after' },
  row: { zh: '行', en: 'Row' },
  before: { zh: '转换前', en: 'Before' },
  after: { zh: '转换后', en: 'After' },
  rejects: { zh: '拒收行及原因', en: 'Rejected rows and reasons' },
  field: { zh: '信息项', en: 'Field' },
  rule: { zh: '规则', en: 'Rule' },
  value: { zh: '值', en: 'Value' },
  reason: { zh: '原因', en: 'Reason' },
  uncovered: { zh: '未覆盖的遗留代码', en: 'Uncovered legacy codes' },
  count: { zh: '次数', en: 'Count' },
  firstRows: { zh: '首次出现的行', en: 'First rows' },
  none: { zh: '无', en: 'None' },
  diagnostics: { zh: '映射文件问题', en: 'Problems in the mapping' },
  sample: { zh: '样例文件', en: 'Sample file' },
  pickSample: { zh: '选择样例文件…', en: 'Choose a sample file…' },
  entry: { zh: '目录条目', en: 'Catalogue entry' },
  shown: { zh: '仅显示前 {n} 行', en: 'first {n} rows shown' },
} satisfies Record<string, Record<Lang, string>>;

type Key = keyof typeof strings;

function describeField(spec: FieldSpec): string {
  const parts: string[] = [];
  const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (spec.value !== undefined) parts.push(`= ${show(spec.value)}`);
  const transforms = list(spec.transform).map(show);
  if (transforms.length) parts.push(transforms.join(' → '));
  if (spec.codes) {
    const codes = spec.codes as Record<string, unknown>;
    if (typeof codes.codeset === 'string') parts.push(`codes: ${codes.codeset}`);
    else parts.push(`codes: ${Object.keys(codes).length}`);
  }
  const checks = list(spec.check).map(show);
  if (checks.length) parts.push(`check: ${checks.join(', ')}`);
  if (spec.default !== undefined) parts.push(`default: ${show(spec.default)}`);
  return parts.join(' · ');
}

function table(headers: string[], rows: string[][], attrs = ''): string {
  const head = headers.map((h) => `<th>${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${attrs}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function recordCell(record: Record<string, unknown> | undefined, lang: Lang): string {
  if (!record) return `<span class="muted">—</span>`;
  const entries = Object.entries(record).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return `<span class="muted">${strings.none[lang]}</span>`;
  return `<dl>${entries.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

function diagnosticLine(d: MappingDiagnostic, lang: Lang): string {
  const where = d.range ? `${d.range.start.line}:${d.range.start.column} ` : '';
  return `<li class="${escapeHtml(d.severity)}"><code>${escapeHtml(d.code)}</code> ${escapeHtml(where)}${escapeHtml(lang === 'zh' ? d.zh : d.message)}</li>`;
}

/**
 * The preview page. Pure: the same input gives the same page, so it is unit tested and rendered in a real
 * browser by the UI test. The Content-Security-Policy allows nothing but this page's own nonce'd style and
 * script; no remote resource is referenced.
 */
export function renderPreviewHtml(view: PreviewView, options: RenderOptions): string {
  const { lang } = view;
  const s = (key: Key) => strings[key][lang];
  const nonce = escapeHtml(options.nonce);
  const limit = options.rowLimit ?? 50;
  const sections: string[] = [];
  const result = view.result;

  const entryLine = view.entry
    ? `${s('entry')}: <code>${escapeHtml(view.resource)}</code> ${escapeHtml(view.entry.name ?? '')} <span class="muted">(${escapeHtml(view.entry.path)})</span>`
    : view.resource
      ? `${s('entry')}: <code>${escapeHtml(view.resource)}</code>`
      : '';
  sections.push(
    `<header><h1>${s('title')}: ${escapeHtml(view.mappingPath)}</h1><p>${entryLine}</p>` +
      `<p>${s('sample')}: ${view.samplePath ? `<code id="sample-path">${escapeHtml(view.samplePath)}</code>` : `<span class="muted">${s('none')}</span>`} ` +
      `<button id="pick-sample" type="button">${s('pickSample')}</button></p></header>`,
  );

  if (view.notices.length) {
    sections.push(
      `<section class="notices"><ul>${view.notices.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>`,
    );
  }
  if (result?.diagnostics.length) {
    sections.push(
      `<section id="diagnostics"><h2>${s('diagnostics')}</h2><ul>${result.diagnostics.map((d) => diagnosticLine(d, lang)).join('')}</ul></section>`,
    );
  }

  if (view.mapping) {
    const names = new Map(view.entry?.items.map((i) => [i.key, i.name]) ?? []);
    const rows = Object.entries(view.mapping.fields ?? {}).map(([target, spec]) => {
      const from =
        spec?.from === undefined ? '' : Array.isArray(spec.from) ? spec.from.join(' + ') : spec.from;
      const name = names.get(target);
      return [
        escapeHtml(from),
        `<code>${escapeHtml(target)}</code>${name ? ` ${escapeHtml(name)}` : ''}`,
        escapeHtml(spec ? describeField(spec) : ''),
      ];
    });
    sections.push(
      `<section id="fields"><h2>${s('source')} → ${s('target')}</h2>${table([s('source'), s('target'), s('how')], rows)}</section>`,
    );
  }

  const coverage = result?.coverage;
  if (coverage) {
    const pct = coverage.total ? Math.round((coverage.mapped / coverage.total) * 100) : 100;
    const missing: string[] = [];
    if (coverage.unmappedRequired.length)
      missing.push(
        `<p class="warn">${s('unmappedRequired')}: ${coverage.unmappedRequired.map((k) => `<code>${escapeHtml(k)}</code>`).join(', ')}</p>`,
      );
    if (coverage.unmappedKeys.length)
      missing.push(
        `<p class="warn">${s('unmappedKeys')}: ${coverage.unmappedKeys.map((k) => `<code>${escapeHtml(k)}</code>`).join(', ')}</p>`,
      );
    const unmapped = coverage.items
      .filter((i) => !i.mapped)
      .map((i) => `<code>${escapeHtml(i.key)}</code>${i.name ? ` ${escapeHtml(i.name)}` : ''}`);
    sections.push(
      `<section id="coverage"><h2>${s('coverage')}</h2><p><meter min="0" max="${coverage.total}" value="${coverage.mapped}"></meter> ` +
        `<strong id="coverage-figure">${coverage.mapped}/${coverage.total}</strong> ${s('mappedItems')} (${pct}%)</p>${missing.join('')}` +
        (unmapped.length ? `<p class="muted">${unmapped.join(' · ')}</p>` : '') +
        `</section>`,
    );
  }

  if (result && result.summary.read > 0) {
    const sum = result.summary;
    sections.push(
      `<section id="summary"><h2>${s('summary')}</h2><p>${s('read')} <strong>${sum.read}</strong> · ${s('accepted')} <strong>${sum.accepted}</strong> · ` +
        `${s('rejected')} <strong id="rejected-count">${sum.rejected}</strong> · ${s('warnings')} <strong>${sum.warnings}</strong></p></section>`,
    );
    const shown = result.rows.slice(0, limit);
    sections.push(
      `<section id="rows"><h2>${s('rows')} <span class="muted">(${escapeHtml(s('shown').replace('{n}', String(shown.length)))})</span></h2>` +
        table(
          [s('row'), s('before'), s('after')],
          shown.map((r) => [
            String(r.row),
            recordCell(r.before, lang),
            r.errors ? `<span class="rejected">${s('rejected')}</span>` : recordCell(r.after, lang),
          ]),
        ) +
        `</section>`,
    );
    const rejects = result.rows.flatMap((r) =>
      (r.errors ?? []).map((e) => [
        String(r.row),
        `<code>${escapeHtml(e.field)}</code>`,
        `<code>${escapeHtml(e.rule)}</code>`,
        escapeHtml(e.value),
        escapeHtml(lang === 'zh' ? e.zh : e.message),
      ]),
    );
    sections.push(
      `<section id="rejects"><h2>${s('rejects')} (${sum.rejected})</h2>` +
        (rejects.length
          ? table([s('row'), s('field'), s('rule'), s('value'), s('reason')], rejects, ' id="rejects-table"')
          : `<p class="muted">${s('none')}</p>`) +
        `</section>`,
    );
    sections.push(
      `<section id="uncovered"><h2>${s('uncovered')}</h2>` +
        (result.uncovered.length
          ? table(
              [s('field'), s('value'), s('count'), s('firstRows')],
              result.uncovered.map((u) => [
                `<code>${escapeHtml(u.field)}</code>`,
                escapeHtml(u.value),
                String(u.count),
                escapeHtml(u.rows.join(', ')),
              ]),
              ' id="uncovered-table"',
            )
          : `<p class="muted">${s('none')}</p>`) +
        `</section>`,
    );
  }

  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'`;
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${s('title')}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family, sans-serif); font-size: var(--vscode-font-size, 13px); color: var(--vscode-foreground, #222); background: var(--vscode-editor-background, #fff); padding: 0 16px 24px; }
h1 { font-size: 1.2em; } h2 { font-size: 1.05em; margin-top: 1.4em; }
table { border-collapse: collapse; width: 100%; margin: 4px 0; }
th, td { border: 1px solid var(--vscode-panel-border, #ccc); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: var(--vscode-editorWidget-background, #f3f3f3); }
dl { display: grid; grid-template-columns: max-content auto; gap: 0 8px; margin: 0; } dt { opacity: .7; } dd { margin: 0; }
.muted { opacity: .65; } .warn, .warning { color: var(--vscode-editorWarning-foreground, #b58900); }
.error, .rejected { color: var(--vscode-errorForeground, #c00); }
meter { width: 160px; vertical-align: middle; }
button { color: var(--vscode-button-foreground, #fff); background: var(--vscode-button-background, #0e639c); border: 0; padding: 3px 10px; cursor: pointer; }
</style>
</head>
<body>
${sections.join('\n')}
<script nonce="${nonce}">
(function () {
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  const pick = document.getElementById('pick-sample');
  if (pick && vscode) pick.addEventListener('click', function () { vscode.postMessage({ type: 'pickSample' }); });
})();
</script>
</body>
</html>
`;
}
