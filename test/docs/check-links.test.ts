import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const script = resolve(dirname(fileURLToPath(import.meta.url)), '../../scripts/check-links.mjs');
const folders: string[] = [];

/** A git repository in a temporary folder holding `files`, all tracked. */
function repoWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'unsilo-links-'));
  folders.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['add', '-A'], { cwd: dir });
  return dir;
}

function checkLinks(cwd: string) {
  const run = spawnSync(process.execPath, [script], { cwd, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('scripts/check-links.mjs', () => {
  it('exits 0 when every relative link, image and anchor resolves', () => {
    const dir = repoWith({
      'README.md': [
        '# 项目 Project',
        'See [the guide](docs/guide.md#表头行-header-row), [a rule](docs/guide.md#codeformat),',
        '![shot](docs/images/shot.png) and [a folder](docs) and [the top](#项目-project).',
        '`[not a link](missing.md)`',
        '```',
        '[also not a link](missing.md)',
        '```',
        '[external](https://example.org/missing.md)',
      ].join('\n'),
      'docs/guide.md': '## 表头行 Header row\n\n<a id="codeformat"></a>`code/format`\n',
      'docs/images/shot.png': 'png',
    });
    const result = checkLinks(dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('2 Markdown files, 5 relative links: all resolve');
    expect(result.status).toBe(0);
  });

  it('exits 1 naming file:line of a missing file and of a missing heading', () => {
    const dir = repoWith({
      'README.md': '# Title\n\nfine line\n[broken](docs/missing.md)\n',
      'docs/guide.md': '## Only heading\n\n[to nowhere](../README.md#no-such-heading)\n',
    });
    const result = checkLinks(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('README.md:4: docs/missing.md — no such file');
    expect(result.stderr).toContain(
      'docs/guide.md:3: ../README.md#no-such-heading — no heading or anchor #no-such-heading',
    );
    expect(result.stdout).toContain('2 broken');
  });

  it('numbers repeated headings as GitHub does', () => {
    const dir = repoWith({
      'a.md': '## Usage\n## Usage\n[second](#usage-1) [third](#usage-2)\n',
    });
    const result = checkLinks(dir);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('a.md:3: #usage-2 — no heading or anchor #usage-2');
  });
});
