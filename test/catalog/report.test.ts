import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
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
        mkdirSync(join(repoRoot, '.artifacts'), { recursive: true });
        await page.screenshot({ path: join(repoRoot, '.artifacts/catalog-report.png'), fullPage: true });
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
