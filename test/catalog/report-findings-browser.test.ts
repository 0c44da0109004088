import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli';

// `unsilo catalog report` of a small catalogue folder, opened in headless Chromium (skipped where there is none):
// the findings table lists each finding in its department's group with its file and line, and on paper
// (print media) the whole table shows, no scroll container cutting it.
const CHROMIUM = '/usr/bin/chromium';
const scratch = mkdtempSync(join(tmpdir(), 'unsilo-report-findings-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The clean entries, plus 公安局's entry with `publishedAt: 2019年5月10日` on line 28. */
function catalogue(): string {
  const dir = join(scratch, 'catalog');
  cpSync(join(repoRoot, 'test/fixtures/catalog/clean'), dir, { recursive: true });
  cpSync(join(repoRoot, 'test/fixtures/catalog/rules/date-format/entry.yaml'), join(dir, 'broken-date.yaml'));
  return dir;
}

describe('unsilo catalog report: the findings, in a browser', () => {
  it.skipIf(!existsSync(CHROMIUM))(
    "lists a finding with its file and line in its department's group, and prints the whole table",
    async () => {
      const out = join(scratch, 'report.html');
      const run = await runCli(['catalog', 'report', catalogue(), '--out', out, '--lang', 'en']);
      expect(run.code).toBe(0);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 700 } });
        const problems: string[] = [];
        page.on('pageerror', (error) => problems.push(error.message));
        await page.goto(`file://${out}`);
        expect(problems).toEqual([]);
        // "Fix these first" comes before the findings, and both before the charts.
        const order = await page.$$eval('main > section, main > div', (nodes) =>
          nodes.map((n) => n.id || n.className),
        );
        expect(order.indexOf('fix-first')).toBeLessThan(order.indexOf('findings'));
        expect(order.indexOf('findings')).toBeLessThan(order.indexOf('grid'));
        const row = page.locator(
          '#findings-table tbody[data-department="某市公安局"] tr.finding[data-rule="date/format"]',
        );
        expect(await row.count()).toBe(1);
        expect(await row.locator('td.where').textContent()).toBe('Error broken-date.yaml:28');
        // biome-ignore lint/performance/useDomNodeTextContent: the two lines as the reader sees them (layout).
        expect(await row.locator('td').nth(1).innerText()).toBe('Publication date\npublishedAt');
        expect(await row.locator('td').nth(3).textContent()).toContain('Change to 2019-05-10');
        expect(await page.locator('#fix-first').textContent()).toContain(
          'publishedAt is not an ISO date (2017年11月10日 and 2017/11/10 are converted) date/format',
        );

        await page.emulateMedia({ media: 'print' });
        const printed = await page.$eval('#findings-table', (table) => {
          const box = table.parentElement!;
          const style = getComputedStyle(box);
          const last = table.querySelector('tbody:last-of-type tr:last-child')!.getBoundingClientRect();
          return {
            overflowY: style.overflowY,
            maxHeight: style.maxHeight,
            cut: box.scrollHeight - box.clientHeight,
            lastRowInside: last.bottom <= box.getBoundingClientRect().bottom + 0.5,
            headerRepeats: getComputedStyle(table.querySelector('thead')!).display,
          };
        });
        expect(printed).toEqual({
          overflowY: 'visible',
          maxHeight: 'none',
          cut: 0,
          lastRowInside: true,
          headerRepeats: 'table-header-group',
        });
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
