import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli';

// The page `unsilo map preview --format html` writes is the editor's preview renderer without its sample
// picker; the editor's webview is checked in the real workbench (packages/vscode-ext/test/ui). Here: the page
// on disk, in headless Chromium (skipped where there is none).
const CHROMIUM = '/usr/bin/chromium';
const scratch = mkdtempSync(join(tmpdir(), 'unsilo-preview-browser-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const fixtures = join(repoRoot, 'test/fixtures/mapping');
const args = [
  'map',
  'preview',
  '-m',
  join(fixtures, 'gongan/czrk.mapping.yaml'),
  '-i',
  join(fixtures, 'gongan/czrk.csv'),
];

describe('unsilo map preview --format html in a browser', () => {
  it.skipIf(!existsSync(CHROMIUM))(
    'renders without console errors or requests, its style applied and its tables filled',
    async () => {
      const json = JSON.parse((await runCli([...args, '--format', 'json'])).stdout) as {
        rejectedRows: Array<{ errors: unknown[] }>;
      };
      const rejectLines = json.rejectedRows.reduce((n, r) => n + r.errors.length, 0);
      expect(rejectLines).toBe(7);
      const out = join(scratch, 'preview.html');
      writeFileSync(out, (await runCli([...args, '--format', 'html'])).stdout);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu'],
      });
      try {
        const page = await browser.newPage();
        const seen = watch(page);
        await page.goto(`file://${out}`);
        expect(seen).toEqual({ problems: [], requests: [] });
        expect(await page.locator('script').count()).toBe(0);
        expect(await page.locator('#rejects-table tbody tr').count()).toBe(rejectLines);
        expect(await page.locator('#coverage-figure').textContent()).toBe('7/7');
        const collapse = await page.$eval('table', (t) => getComputedStyle(t).borderCollapse);
        expect(collapse).toBe('collapse');
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});

/** `unsilo map preview` of the 民政 example (205 rows, the five faults in rows 201–205), 20 rows shown, as HTML. */
const example = join(repoRoot, 'examples/minzheng-population');
const exampleArgs = [
  'map',
  'preview',
  '-m',
  join(example, 'population.mapping.yaml'),
  '-i',
  join(example, 'data/population.csv'),
  '--catalog',
  join(example, 'catalog'),
  '--limit',
  '20',
  '--format',
  'html',
];

describe('the 民政 example previewed in a browser', () => {
  it.skipIf(!existsSync(CHROMIUM))(
    'shows a rejected row far beyond the rows shown with its reason, above the rows shown',
    async () => {
      const out = join(scratch, 'minzheng.html');
      writeFileSync(out, (await runCli([...exampleArgs, '--lang', 'zh'])).stdout);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
        const seen = watch(page);
        await page.goto(`file://${out}`);
        expect(seen).toEqual({ problems: [], requests: [] });
        expect(await page.locator('#rows tbody tr').count()).toBe(20);
        const rejects = page.locator('#rejects-table tbody tr');
        expect(await rejects.count()).toBe(5);
        const row204 = rejects.filter({ has: page.locator('#reject-row-204') });
        expect(await row204.locator('td').allInnerTexts()).toEqual([
          '204',
          'mz',
          'codes',
          '火星族',
          '值「火星族」不在 GB/T 3304 中',
        ]);
        // The rejects are seen before the rows shown, and the uncovered code's row leads to its reason.
        const rejectsTop = (await page.locator('#rejects').boundingBox())?.y ?? Number.NaN;
        const rowsTop = (await page.locator('#rows').boundingBox())?.y ?? Number.NaN;
        expect(rejectsTop).toBeLessThan(rowsTop);
        await page.locator('#uncovered-table a', { hasText: '204' }).click();
        expect(await page.evaluate(() => location.hash)).toBe('#reject-row-204');
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});

describe("the preview page's filter and samples table in a browser", () => {
  /** How many of the rows a selector finds are shown (not hidden by the filter). */
  const visibleRows = (page: Page, selector: string) =>
    page.$$eval(selector, (rows) => rows.filter((r) => r.getClientRects().length > 0).length);

  it.skipIf(!existsSync(CHROMIUM))(
    'filters to the rejected rows without script, heads the samples with Chinese names, keeps cells on one line',
    async () => {
      const out = join(scratch, 'minzheng-filter.html');
      writeFileSync(out, (await runCli([...exampleArgs, '--lang', 'zh'])).stdout);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu'],
      });
      try {
        // Narrow: the table must scroll sideways rather than break names and timestamps.
        const page = await browser.newPage({ viewport: { width: 480, height: 800 } });
        const seen = watch(page);
        await page.goto(`file://${out}`);
        expect(seen).toEqual({ problems: [], requests: [] });
        expect(await page.locator('script').count()).toBe(0);
        const headers = await page.locator('#samples-table thead th').allInnerTexts();
        expect(headers.map((h) => h.split(/\s/)[0])).toEqual([
          '行',
          '公民身份号码',
          '姓名',
          '性别',
          '出生日期',
          '民族',
          '户籍地行政区划',
          '救助类别',
          '更新时间',
          '原因',
        ]);
        expect(await visibleRows(page, '#samples-table tbody tr')).toBe(20);

        // A name and a timestamp are one line high: their text is shorter than two lines of the row's font.
        const firstRow = page.locator('#samples-table tbody tr').first();
        for (const column of [3, 9]) {
          const cell = firstRow.locator('td').nth(column - 1);
          const { height, fontSize, text } = await cell.evaluate((td) => {
            const range = document.createRange();
            range.selectNodeContents(td);
            return {
              height: range.getBoundingClientRect().height,
              fontSize: Number.parseFloat(getComputedStyle(td).fontSize),
              text: td.textContent ?? '',
            };
          });
          expect(text.length).toBeGreaterThan(1);
          expect(height).toBeGreaterThan(0);
          expect(height).toBeLessThan(fontSize * 2);
        }

        await page.locator('label[for="filter-rejected"]').click();
        expect(await visibleRows(page, '#samples-table tbody tr')).toBe(0);
        expect(await page.locator('#rows').isVisible()).toBe(false); // none of the 20 rows shown is rejected
        expect(await visibleRows(page, '#rejects-table tbody tr')).toBe(5);
        expect(await page.locator('#reject-row-204').isVisible()).toBe(true);

        await page.locator('label[for="filter-warnings"]').click();
        expect(await page.locator('#rejects').isVisible()).toBe(false);

        await page.locator('label[for="filter-all"]').click();
        expect(await visibleRows(page, '#samples-table tbody tr')).toBe(20);
        expect(await page.locator('#rejects').isVisible()).toBe(true);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});

/** Console errors and warnings (a CSP violation is one) and requests leaving the file, from now on. */
function watch(page: Page): { problems: string[]; requests: string[] } {
  const seen = { problems: [] as string[], requests: [] as string[] };
  const problem = new Set(['error', 'warning']);
  page.on('console', (message) => problem.has(message.type()) && seen.problems.push(message.text()));
  page.on('pageerror', (error) => seen.problems.push(error.message));
  page.on('request', (request) => request.url().startsWith('file:') || seen.requests.push(request.url()));
  return seen;
}
