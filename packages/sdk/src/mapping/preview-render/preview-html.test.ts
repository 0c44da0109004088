import { describe, expect, it } from 'vitest';
import { preview } from '../preview';
import { renderPreviewHtml } from './preview-html';
import type { PreviewView } from './preview-view';

const mappingText = `apiVersion: unsilo/v1
kind: FieldMapping
resource: "307001030801/000012"
source: { format: csv }
key: [gmsfhm]
fields:
  gmsfhm: { from: SFZH, transform: [trim, upper] }
  xm: { from: XM }
  xb: { from: XB, codes: { "1": "1", "2": "2" } }
`;
const entry = {
  code: '307001030801/000012',
  name: '户籍人口基本信息',
  items: [
    { key: 'gmsfhm', name: '公民身份号码' },
    { key: 'xm', name: '姓名' },
    { key: 'xb', name: '性别', codeset: 'GB/T 2261.1' },
  ],
};

function view(
  rows: Array<Record<string, string>>,
  lang: 'zh' | 'en' = 'en',
  options: { limit?: number; listLimit?: number } = {},
): PreviewView {
  const result = preview(mappingText, entry, rows, options);
  return {
    lang,
    mappingPath: 'mappings/p.mapping.yaml',
    resource: entry.code,
    entry: { name: entry.name, path: 'catalog/p.yaml', items: entry.items },
    samplePath: 'data/<sample>.csv',
    notices: [],
    result,
    mapping: {
      apiVersion: 'unsilo/v1',
      kind: 'FieldMapping',
      resource: entry.code,
      source: { format: 'csv' },
      fields: { gmsfhm: { from: 'SFZH' }, xm: { from: 'XM' }, xb: { from: 'XB', codes: { '1': '1' } } },
    },
  };
}

const hostile = [
  { SFZH: '11010519491231002X', XM: '<script>alert(1)</script>', XB: '1' },
  { SFZH: '11010519491231002X', XM: '张三', XB: '<img src=x onerror=alert(2)>' },
  { SFZH: '"><svg onload=alert(3)>', XM: "' onmouseover='alert(4)", XB: '9' },
];

describe('renderPreviewHtml', () => {
  it('escapes every value from the sample, the mapping and the paths', () => {
    const html = renderPreviewHtml(view(hostile), { nonce: 'n0nce', samplePicker: true });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<svg');
    // Markup from the data survives only as text: no real tag carries an event handler.
    expect(html).not.toMatch(/<[^>]*\son(?:error|mouseover|load)=/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('data/&lt;sample&gt;.csv');
    // the only script and style elements are the page's own, with the nonce
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script nonce="n0nce">']);
    expect(html.match(/<style\b[^>]*>/g)).toEqual(['<style nonce="n0nce">']);
  });

  it('allows nothing but its own nonce in the Content-Security-Policy and loads nothing remote', () => {
    const html = renderPreviewHtml(view(hostile), { nonce: 'abc', samplePicker: true });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/^default-src 'none';/);
    expect(csp).toContain("script-src 'nonce-abc'");
    expect(csp).toContain("style-src 'nonce-abc'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(html).not.toMatch(/\b(?:src|href)="(?:https?:)?\/\//);
  });

  it('shows rejects with reasons, uncovered legacy codes with counts, coverage and before/after rows', () => {
    const rows = [
      { SFZH: '11010519491231002X', XM: '张三', XB: '1' },
      { SFZH: '110105194912310046', XM: '李四', XB: '9' },
      { SFZH: '110105194912310062', XM: '王五', XB: '9' },
    ];
    const html = renderPreviewHtml(view(rows, 'zh'), { nonce: 'x' });
    const rejects = /<table id="rejects-table">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect(rejects.match(/<tr>/g)?.length).toBe(3); // header + 2 rejected rows
    expect(rejects).toContain('<code>codes</code>');
    const uncovered = /<table id="uncovered-table">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    // the rows link to the rejected rows listed above
    expect(uncovered).toContain(
      '<td><code>xb</code></td><td>9</td><td>2</td><td><a href="#reject-row-2">2</a>, <a href="#reject-row-3">3</a></td>',
    );
    expect(html).toContain('<strong id="coverage-figure">3/3</strong>');
    expect(html).toContain('<strong id="rejected-count">2</strong>');
    expect(html).toContain('拒收行及原因');
  });

  it('explains why there is nothing to show', () => {
    const html = renderPreviewHtml(
      { lang: 'en', mappingPath: 'm.yaml', notices: ['No sample file: choose one.'] },
      { nonce: 'x' },
    );
    expect(html).toContain('<li>No sample file: choose one.</li>');
    expect(html).not.toContain('rejects-table');
  });

  it('without the sample picker (a page on disk) has no script at all and allows none', () => {
    const html = renderPreviewHtml(view(hostile), { nonce: 'abc' });
    expect(html.match(/<script\b/g)).toBeNull();
    expect(html).not.toContain('pick-sample');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("script-src 'none'");
    expect(html.match(/<style\b[^>]*>/g)).toEqual(['<style nonce="abc">']);
    expect(html).toContain('<code id="sample-path">data/&lt;sample&gt;.csv</code></p></header>');
  });

  it('lists rejected rows after the rows shown, cut at listLimit with the exact count and where the rest is', () => {
    const rows = Array.from({ length: 8 }, (_, i) => ({
      SFZH: `1101051949123100${i}X`,
      XM: `人${i}`,
      XB: i < 2 ? '1' : '9',
    }));
    const html = renderPreviewHtml(view(rows, 'en', { limit: 2, listLimit: 4 }), { nonce: 'x', rowLimit: 2 });
    const rejects = /<table id="rejects-table">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect([...rejects.matchAll(/<span id="reject-row-(\d+)">/g)].map((m) => m[1])).toEqual([
      '3',
      '4',
      '5',
      '6',
    ]);
    expect(rejects).toContain('<td>value &quot;9&quot; is not covered by the codes table</td>');
    expect(html).toContain('<h2>Rejected rows and reasons (6)</h2>');
    expect(html).toContain(
      '<p class="muted" id="rejects-cut">4 of 6 shown; all in <code>unsilo map run --rejects</code></p>',
    );
    // rows 7 and 8 are not listed: counted, not linked
    expect(html).toContain(
      '<td><code>xb</code></td><td>9</td><td>6</td><td><a href="#reject-row-3">3</a>, <a href="#reject-row-4">4</a>, <a href="#reject-row-5">5</a>, <a href="#reject-row-6">6</a>, 7 …</td>',
    );
    const at = (id: string) => html.indexOf(`<section id="${id}">`);
    expect(at('summary')).toBeLessThan(at('rejects'));
    expect(at('rejects')).toBeLessThan(at('uncovered'));
    expect(at('uncovered')).toBeLessThan(at('rows'));
    expect(at('rows')).toBeLessThan(at('fields'));
  });

  it('shows rows with warnings in their own section, in Chinese too', () => {
    const result = preview(mappingText, entry, [{ SFZH: '11010519491231002X', XM: '张三', XB: '1' }]);
    const warned = {
      row: 1,
      warnings: [{ field: 'xm', rule: 'length', value: '张三', message: 'long', zh: '过长' }],
    };
    result.warningRows = [warned];
    result.warningRowCount = 3;
    const html = renderPreviewHtml({ ...view([]), lang: 'zh', result }, { nonce: 'x' });
    expect(html).toContain('<h2>有警告的行 (3)</h2>');
    expect(html).toContain(
      '<td>1</td><td><code>xm</code></td><td><code>length</code></td><td>张三</td><td>过长</td>',
    );
    expect(html).toContain('<p class="muted" id="warnings-cut">显示前 1 行，共 3 行</p>');
    expect(html.indexOf('id="warnings"')).toBeLessThan(html.indexOf('id="rows"'));
  });
});

describe('renderPreviewHtml: the filter, the samples table and readable transforms', () => {
  const rows = [
    { SFZH: '11010519491231002X', XM: '欧阳娜拉·买买提艾力', XB: '1' },
    { SFZH: '110105194912310046', XM: '李四', XB: '9' },
  ];

  it('puts a script-free filter (all / rejected / warnings) at the top, before every section it filters', () => {
    const html = renderPreviewHtml(view(rows, 'zh'), { nonce: 'n' });
    const radios = [...html.matchAll(/<input type="radio" name="row-filter" id="filter-(\w+)"( checked)?/g)];
    expect(radios.map((m) => [m[1], m[2] === ' checked'])).toEqual([
      ['all', true],
      ['rejected', false],
      ['warnings', false],
    ]);
    expect([...html.matchAll(/<label for="filter-(\w+)">([^<]*)<\/label>/g)].map((m) => m[2])).toEqual([
      '全部 (2)',
      '拒收 (1)',
      '警告 (0)',
    ]);
    // The radios are siblings before <main>: `:checked ~ main …` rules do the filtering, no script.
    expect(html.indexOf('id="filter-warnings"')).toBeLessThan(html.indexOf('<main>'));
    expect(html.indexOf('<main>')).toBeLessThan(html.indexOf('<section id="summary">'));
    expect(html).toContain(
      '#filter-rejected:checked ~ main #samples-table tbody tr:not([data-status="rejected"])',
    );
    expect(html).toContain('#filter-warnings:checked ~ main #rejects');
    expect(html.match(/<script\b/g)).toBeNull();
  });

  it('shows the samples as one table row each, headed by the Chinese item names, the row number first', () => {
    const html = renderPreviewHtml(view(rows, 'en'), { nonce: 'n' });
    const table = /<table id="samples-table">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    const headers = [...table.matchAll(/<th>(.*?)<\/th>/g)].map((m) => m[1]);
    expect(headers).toEqual([
      'Row',
      '公民身份号码 <code class="item-key">gmsfhm</code>',
      '姓名 <code class="item-key">xm</code>',
      '性别 <code class="item-key">xb</code>',
      'Reason',
    ]);
    const bodyRows = [...table.matchAll(/<tr data-row="(\d+)" data-status="(\w+)"/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(bodyRows).toEqual([
      ['1', 'accepted'],
      ['2', 'rejected'],
    ]);
    expect(table).toContain('<td class="value">欧阳娜拉·买买提艾力</td>');
    // the rejected row: what could be mapped, its field in error marked, and its reason in the wrapping column
    expect(table).toContain('<td class="value">李四</td>');
    expect(table).toContain('<td class="value error">9</td>');
    expect(table).toContain('<div class="reason-text"><code>xb</code> value &quot;9&quot; is not covered');
    expect(html).not.toContain('<dl>');
    expect(html).toContain('<div class="table-scroll"><table id="samples-table">');
    expect(html).toMatch(/#samples-table td\.value[^{]*\{[^}]*white-space: nowrap/);
    expect(html).toMatch(/\.reason-text \{[^}]*overflow-wrap: anywhere[^}]*max-width/);
  });

  it('shows a date rule as its formats and a code table as a table, not JSON', () => {
    const v = view(rows, 'zh');
    v.mapping = {
      ...(v.mapping as NonNullable<PreviewView['mapping']>),
      fields: {
        csrq: { from: 'CSRQ', transform: ['trim', { date: ['YYYYMMDD', 'YYYY年M月D日'] }] },
        xb: { from: 'XB', codes: { 男: '1', 女: '2' } },
        mz: { from: 'MZ', codes: { codeset: 'GB/T 3304', by: 'name' } },
      },
    };
    const fields = /<section id="fields">[\s\S]*?<\/section>/.exec(renderPreviewHtml(v, { nonce: 'n' }))?.[0];
    expect(fields).toContain('trim → 日期格式 <code>YYYYMMDD</code> | <code>YYYY年M月D日</code>');
    expect(fields).toContain(
      '<table class="code-table"><thead><tr><th>遗留值</th><th>国家标准代码</th></tr></thead><tbody><tr><td>男</td><td>1</td></tr><tr><td>女</td><td>2</td></tr></tbody></table>',
    );
    expect(fields).toContain('代码集 <code>GB/T 3304</code>');
    expect(fields).not.toMatch(/\{&quot;|\{"/);
  });
});
