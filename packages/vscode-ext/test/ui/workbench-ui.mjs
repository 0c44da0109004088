// UI test in the real workbench (code-server + chromium): what a user sees, not what the API returns.
// 1. a faulty catalogue file shows its rule ids in the Problems panel;
// 2. on the date written 2019/05/10 the code action menu offers the linter's fix "Change to 2019-05-10",
//    which rewrites the date; undone at once, so the file is as it was for the steps after it;
// 3. the mapping preview opens from the editor-title button and its rejects table (inside the webview's
//    nested iframes) lists the rejected rows, with sample data shown as text, never as markup.
// Screenshots go to .artifacts/vscode/.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXPECTED_RULES = [
  'date/format',
  'schema/enum',
  'name/whitespace',
  'items/codeset-unknown',
  'related/unresolved',
];
const FAULTY_YAML = join(
  dirname(fileURLToPath(import.meta.url)),
  '../fixtures/workspace/catalog/faulty.yaml',
);
// The date/format fix of `publishedAt: 2019/05/10`; the workbench runs in English.
const DATE_FIX_TITLE = 'Change to 2019-05-10';
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

async function poll(what, fn, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

async function quickOpen(page, name) {
  await page.keyboard.press(`${mod}+P`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(name);
  // Wait for the row of this very file: the list first shows recently opened files.
  const row = page.locator(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
  await poll(
    `editor tab ${name}`,
    async () => (await page.locator(`.tab[aria-label*="${name}"]`).count()) > 0,
  );
}

/** Line and column (1-based) of the value of `key:` in the fixture, where its diagnostic sits. */
function valuePositionOf(file, key) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((l) => l.startsWith(`${key}:`));
  assert.ok(index >= 0, `${key} not found in ${file}`);
  const prefix = /^[^:]+:\s*/.exec(lines[index])[0];
  return { line: index + 1, column: prefix.length + 1 };
}

async function goToPosition(page, { line, column }) {
  await page.keyboard.press(`${mod}+P`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 15_000 });
  const status = page.locator('[id="status.editor.selection"]');
  await poll(`cursor at ${line}:${column}`, async () =>
    (await status.textContent()).includes(`Ln ${line}, Col ${column}`),
  );
}

/** Text of the editor's rendered line that starts with `prefix` (Monaco may render spaces as no-break spaces). */
async function editorLine(page, prefix) {
  const lines = (await page.locator('.editor-instance .view-line').allInnerTexts()).map((l) =>
    l.replace(/\u00a0/g, ' '),
  );
  return lines.find((l) => l.startsWith(prefix));
}

/** Opens the code action menu on the date of faulty.yaml, checks its fix is offered and applies, then undoes it. */
async function checkQuickFix(page, { artifacts, log }) {
  await goToPosition(page, valuePositionOf(FAULTY_YAML, 'publishedAt'));
  await page.keyboard.press(`${mod}+Period`);
  const actions = page.locator('.action-widget .monaco-list-row.action');
  const titles = await poll(`"${DATE_FIX_TITLE}" in the code action menu`, async () => {
    const all = await actions.allInnerTexts();
    return all.some((t) => t.includes(DATE_FIX_TITLE)) ? all : undefined;
  });
  log(`code action menu: ${titles.map((t) => t.trim()).join(' | ')}`);
  assert.ok(
    titles.some((t) => t.trim() === DATE_FIX_TITLE),
    `the code action menu lists "${DATE_FIX_TITLE}", got ${JSON.stringify(titles)}`,
  );
  await page.screenshot({ path: join(artifacts, 'quick-fix.png') });
  // Keyboard, as a user would: the menu blocks pointer events until the mouse moves. The fix comes first.
  await poll(`"${DATE_FIX_TITLE}" focused in the menu`, async () =>
    (await page.locator('.action-widget .monaco-list-row.action.focused').textContent()).includes(
      DATE_FIX_TITLE,
    ),
  );
  await page.keyboard.press('Enter');
  await actions.first().waitFor({ state: 'hidden', timeout: 15_000 });
  await poll(
    'the fixed date in the editor',
    async () => (await editorLine(page, 'publishedAt:')) === 'publishedAt: 2019-05-10',
  );
  await page.keyboard.press(`${mod}+Z`);
  await poll(
    'the original date back after undo',
    async () => (await editorLine(page, 'publishedAt:')) === 'publishedAt: 2019/05/10',
  );
  // Back at the saved text, the editor is clean again: nothing to save, nothing changed on disk.
  await poll(
    'faulty.yaml without unsaved changes',
    async () => (await page.locator('.tab.dirty[aria-label*="faulty.yaml"]').count()) === 0,
  );
  log('quick fix applied and undone');
}

export async function runUiTest(page, { artifacts, log }) {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await poll(
    'explorer',
    async () => (await page.locator('.explorer-folders-view .monaco-list-row').count()) > 0,
    60_000,
  );
  log('workbench ready');

  await quickOpen(page, 'faulty.yaml');
  await poll(
    'error squiggles in the editor',
    async () => (await page.locator('.squiggly-error').count()) > 0,
    60_000,
  );
  await page.keyboard.press(`${mod}+Shift+M`);
  const rows = page.locator('.markers-panel .monaco-list-row');
  const text = await poll('expected rule ids in the Problems panel', async () => {
    const all = (await rows.allInnerTexts()).join('\n');
    return EXPECTED_RULES.every((r) => all.includes(r)) ? all : undefined;
  });
  log(`Problems panel: ${await rows.count()} rows`);
  for (const rule of EXPECTED_RULES)
    assert.ok(text.includes(rule), `${rule} not listed in the Problems panel`);
  await page.screenshot({ path: join(artifacts, 'problems-panel.png') });
  await checkQuickFix(page, { artifacts, log });

  await quickOpen(page, 'population.mapping.yaml');
  const button = page.locator('.editor-actions a.action-label[aria-label*="Preview Field Mapping"]');
  await button.first().waitFor({ state: 'visible', timeout: 30_000 });
  await button.first().click();
  log('preview requested from the editor-title button');

  const webview = page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
  const rejectRows = webview.locator('#rejects-table tbody tr');
  await rejectRows.first().waitFor({ state: 'visible', timeout: 60_000 });
  const rejects = await rejectRows.allInnerTexts();
  log(`rejects table: ${rejects.length} rows`);
  assert.ok(rejects.length >= 3, `expected at least 3 reject lines, got ${rejects.length}`);
  assert.ok(
    rejects.some((r) => r.includes('codes') && r.includes('9')),
    'the uncovered legacy code 9 is a reject reason',
  );
  assert.ok(
    rejects.some((r) => r.includes('<img src=x onerror=alert(3)>')),
    'sample markup is shown as text',
  );
  const injected = await webview.locator('img').count();
  assert.equal(injected, 0, 'no <img> from sample data became an element');
  // VS Code adds its own script to every webview; none may come from the sample data.
  const scriptTexts = await webview.locator('script').allTextContents();
  assert.ok(!scriptTexts.some((t) => t.includes('alert(')), 'a <script> from sample data became an element');
  const uncovered = await webview.locator('#uncovered-table tbody tr').allInnerTexts();
  assert.ok(
    uncovered.some((r) => r.includes('xb') && r.includes('9')),
    'uncovered code 9 of xb listed with its count',
  );
  await page.screenshot({ path: join(artifacts, 'mapping-preview.png') });
  await page.keyboard.press(`${mod}+J`); // hide the panel: more room for the preview
  await webview.locator('#rejects').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, 'mapping-preview-rejects.png') });
  if (process.env.UNSILO_TEST_FORCE_FAIL === '1') {
    throw new Error(
      'failure requested with UNSILO_TEST_FORCE_FAIL=1 to prove UI failures reach the exit code',
    );
  }
}
