// The editor tests' screenshots (and the README's pictures made from them) show Chinese: without a CJK font
// Chromium draws every Chinese character as an empty box. The runner stops first, naming the package to install.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CJK_FONT_INSTALL, cjkFontProblem } from '../../packages/vscode-ext/test/cjk-font.mjs';
import { repoRoot } from '../helpers/cli';

const scratch = mkdtempSync(join(tmpdir(), 'unsilo-cjk-font-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const MESSAGE =
  '没有中文字体（fc-list :lang=zh 为空），截图中的汉字会显示为空方框；请先运行 apt-get install -y fonts-noto-cjk / ' +
  'no CJK font (fc-list :lang=zh lists none): every Chinese character in the screenshots would be an empty box; ' +
  'run apt-get install -y fonts-noto-cjk first';

describe('the CJK font check of the screenshot runners', () => {
  it('names the package to install when fontconfig lists no Chinese font', () => {
    expect(CJK_FONT_INSTALL).toBe('apt-get install -y fonts-noto-cjk');
    expect(cjkFontProblem(() => [], 'linux')).toBe(MESSAGE);
  });

  it('lets the run go on with a Chinese font, and off Linux (fontconfig is not what Chromium asks there)', () => {
    expect(cjkFontProblem(() => ['Noto Sans CJK SC,Noto Sans CJK SC Regular'], 'linux')).toBe(undefined);
    expect(cjkFontProblem(() => [], 'darwin')).toBe(undefined);
  });

  it('stops `test:ui` before code-server starts when fc-list lists no Chinese font (exit 2, the message)', () => {
    if (process.platform !== 'linux') return;
    // A PATH holding only an fc-list that lists nothing: whatever the runner would start next is not found.
    const bin = join(scratch, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'fc-list'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, 'fc-list'), 0o755);
    const run = spawnSync(
      process.execPath,
      [join(repoRoot, 'packages/vscode-ext/test/run-code-server.mjs'), '--ui'],
      {
        encoding: 'utf8',
        env: { PATH: bin, HOME: scratch, UNSILO_VSCODE_TOOLS: join(scratch, 'tools') },
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`[test:vscode] harness error: ${MESSAGE}\n`);
  });
});
