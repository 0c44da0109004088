import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { cjkFontProblem } from '../../packages/vscode-ext/test/cjk-font.mjs';
import { repoRoot, runCli } from '../helpers/cli';

const CHROMIUM = '/usr/bin/chromium';
const scratch = mkdtempSync(join(tmpdir(), 'unsilo-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A workspace with the clean entries and a few broken ones, so that every chart has something to show. */
function workspace(): string {
  const dir = join(scratch, 'catalog');
  cpSync(join(repoRoot, 'test/fixtures/catalog/clean'), dir, { recursive: true });
  for (const rule of [
    'date-format',
    'share-condition-required',
    'items-length-required',
    'summary-too-short',
  ]) {
    cpSync(
      join(repoRoot, 'test/fixtures/catalog/rules', rule, 'entry.yaml'),
      join(dir, `broken-${rule}.yaml`),
    );
  }
  return dir;
}

describe('unsilo catalog report', () => {
  it('writes a self-contained HTML page with no external resource', async () => {
    const out = join(scratch, 'report.html');
    const { code, stderr } = await runCli(['catalog', 'report', workspace(), '--out', out, '--lang', 'zh']);
    expect(code).toBe(0);
    expect(stderr).toContain('28 个资源，7 个提供部门');
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<(?:script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\((?!#)/);
    expect(html).toContain('某市公安局');
    // Three charts; the findings by rule are a table, so that each rule's explanation wraps in full.
    expect(html.match(/<svg class="chart/g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('<table class="rule-table">');
  });

  it('speaks --lang en: page, labels and the summary line', async () => {
    const out = join(scratch, 'report-en.html');
    const { code, stderr } = await runCli(['catalog', 'report', workspace(), '--out', out, '--lang', 'en']);
    expect(code).toBe(0);
    expect(stderr).toBe(`report written: ${out} (28 resources, 7 providers)\n`);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Catalogue quality report</title>');
    expect(html).toContain('Unconditional');
    expect(html).toContain('Completeness');
    expect(html).not.toContain('共享类型分布');
    expect(html).not.toContain('生成时间');
    // The data stays as written: names of departments and resources are not translated.
    expect(html).toContain('某市公安局');
  });

  it('writes the findings and "fix these first" in --format json, the lists the page shows', async () => {
    const { code, stdout } = await runCli(['catalog', 'report', workspace(), '--format', 'json']);
    expect(code).toBe(0);
    const { stats, findings } = JSON.parse(stdout);
    // The four broken entries and ga-hjrk.yaml share one code (five code/duplicate errors), plus a bad date and
    // a missing share condition; a warning each for the shared name, one for the short summary, one for a length.
    expect([findings.errors, findings.warnings]).toEqual([7, 7]);
    expect([findings.errors, findings.warnings]).toEqual([stats.errors, stats.warnings]);
    expect(findings.blocking).toEqual([
      { rule: 'code/duplicate', count: 5, entries: 5 },
      { rule: 'date/format', count: 1, entries: 1 },
      { rule: 'share/condition-required', count: 1, entries: 1 },
    ]);
    expect(findings.mostErrors).toEqual([
      { name: '某市公安局', code: '113301000024820155', errors: 7, warnings: 7, index: 0 },
    ]);
    const [gongan] = findings.departments;
    expect([gongan.name, gongan.code]).toEqual(['某市公安局', '113301000024820155']);
    const dated = gongan.resources.find((r: { file: string }) => r.file === 'broken-date-format.yaml');
    expect([dated.code, dated.name, dated.errors, dated.warnings]).toEqual([
      '307001030101/000001',
      '户籍人口基本信息',
      2,
      1,
    ]);
    // Errors first, then by line.
    expect(dated.findings.map((f: { severity: string; line: number }) => `${f.severity}:${f.line}`)).toEqual([
      'error:3',
      'error:28',
      'warning:4',
    ]);
    expect(dated.findings[1]).toEqual({
      rule: 'date/format',
      severity: 'error',
      file: 'broken-date-format.yaml',
      line: 28,
      column: 14,
      field: 'publishedAt',
      message: {
        zh: '发布日期「2019年5月10日」不是 CCYY-MM-DD 格式的有效日期，应写作 2019-05-10',
        en: 'publishedAt "2019年5月10日" is not a valid CCYY-MM-DD date; write 2019-05-10',
      },
      fix: { title: { zh: '改为 2019-05-10', en: 'Change to 2019-05-10' }, automatic: true },
    });
  });

  it('shows when it was made in local time, with the offset from UTC', async () => {
    const out = join(scratch, 'report-time.html');
    const run = await runCli(['catalog', 'report', workspace(), '--out', out, '--lang', 'zh'], {
      env: { TZ: 'Asia/Shanghai' },
    });
    expect(run.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/生成时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（UTC\+08:00）/);
    expect(html).not.toMatch(/\d{2}:\d{2} UTC</);
  });

  it.skipIf(!existsSync(CHROMIUM))(
    'renders in headless Chromium without console errors, charts drawn',
    async () => {
      const out = join(scratch, 'report-browser.html');
      expect((await runCli(['catalog', 'report', workspace(), '--out', out])).code).toBe(0);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
        const problems: string[] = [];
        const requests: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
        });
        page.on('pageerror', (error) => problems.push(error.message));
        page.on('request', (request) => {
          if (!request.url().startsWith('file:')) requests.push(request.url());
        });
        await page.goto(`file://${out}`);
        expect(problems).toEqual([]);
        expect(requests).toEqual([]);
        const charts = await page.$$eval('svg.chart', (svgs) =>
          svgs.map((svg) => ({
            shapes: svg.querySelectorAll('rect, circle').length,
            width: svg.getBoundingClientRect().width,
          })),
        );
        expect(charts.length).toBeGreaterThanOrEqual(3);
        for (const chart of charts) {
          expect(chart.shapes).toBeGreaterThan(0);
          expect(chart.width).toBeGreaterThan(100);
        }
        expect(await page.locator('section.provider').count()).toBe(7);
        // The page is in Chinese: without a CJK font the screenshot would show empty boxes.
        const fontProblem = cjkFontProblem();
        if (fontProblem) throw new Error(fontProblem);
        mkdirSync(join(repoRoot, '.artifacts'), { recursive: true });
        await page.screenshot({ path: join(repoRoot, '.artifacts/catalog-report.png'), fullPage: true });
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
