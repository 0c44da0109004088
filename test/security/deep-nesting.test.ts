import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { codePath, entryFor, startDemo, tokenFor } from '../sandbox/support/demo';

/**
 * Issue 12, finding 2: deep nesting is refused on purpose, by a limit that is named (64 levels), before any
 * parser or rule could run out of stack — in `unsilo lint` and in the exchange's judgement of an entry.
 */
const VALID_YAML = `apiVersion: unsilo/v1
kind: InformationResource
code: "307001030801/000012"
name: 户籍人口基本信息
provider:
  name: 某市公安局
  code: "11330100MB0000019K"
classification:
  class: department
  topic: 人口
summary: 全市户籍人口的登记信息，包括身份、出生、户籍地址等。
format: { class: file, type: pdf }
share:
  type: conditional
  condition: 仅用于户籍核验业务，须经市公安局审批
  method: { class: platform, type: file }
open:
  type: none
updateCycle: daily
publishedAt: 2019-05-10
`;

const lists = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('deep nesting', () => {
  describe('unsilo lint', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'unsilo-deep-'));
      writeFileSync(join(dir, 'flow.yaml'), `${VALID_YAML}businessMatters: ${lists(100_000)}\n`);
      writeFileSync(join(dir, 'block.yaml'), `${VALID_YAML}businessMatters:\n  ${'- '.repeat(100_000)}x\n`);
      writeFileSync(join(dir, 'fine.yaml'), VALID_YAML.replace('000012', '000013').replace('户籍', '常住'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reports 100,000 levels as yaml/too-deep, naming the limit, instead of aborting', async () => {
      const result = await runCli(['lint', '.', '--format', 'json', '--lang', 'en'], { cwd: dir });
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as {
        diagnostics: Array<{ file: string; rule: string; message: string }>;
        summary: { files: number; errors: number };
      };
      expect(report.diagnostics.map((d) => [d.file, d.rule, d.message])).toEqual([
        [
          'block.yaml',
          'yaml/too-deep',
          'nesting deeper than 64 levels; the file is refused (a catalogue entry needs a handful)',
        ],
        [
          'flow.yaml',
          'yaml/too-deep',
          'nesting deeper than 64 levels; the file is refused (a catalogue entry needs a handful)',
        ],
      ]);
      expect(report.summary).toMatchObject({ files: 3, errors: 2 });
    });
  });

  describe('the exchange', () => {
    let sandbox: Awaited<ReturnType<typeof startDemo>>;
    let token: string;
    beforeAll(async () => {
      sandbox = await startDemo();
      token = await tokenFor(sandbox.url, 'gongan');
    });
    afterAll(() => sandbox.close());

    const stored = () => sandbox.db!.prepare('SELECT code FROM resources ORDER BY code').pluck().all();

    /** A valid entry whose `businessMatters` nests lists: the entry object is level 1. */
    function deepEntry(sequence: number, levels: number): Record<string, unknown> {
      let value: unknown = '事项';
      for (let level = 0; level < levels; level++) value = [value];
      return { ...entryFor('gongan', sequence), businessMatters: value };
    }

    it('refuses an entry nested 500 levels (twice), stores nothing and keeps answering', async () => {
      const before = stored();
      for (const attempt of [1, 2]) {
        const entry = deepEntry(30 + attempt, 500);
        const response = await fetch(`${sandbox.url}/v1/catalog/resources`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(entry),
        });
        const problem = (await response.json()) as { code: string; errors?: Array<{ rule: string }> };
        // The body's own depth scan (400 request.too_deep) or, behind it, the entry's judgement (422): never
        // stored, never a 500, and never called an alias expansion.
        expect([response.status, problem.code]).toEqual(
          response.status === 400 ? [400, 'request.too_deep'] : [422, 'catalog.lint_failed'],
        );
        if (response.status === 422) expect(problem.errors!.map((e) => e.rule)).toEqual(['yaml/too-deep']);
        const read = await fetch(`${sandbox.url}/v1/catalog/resources/${codePath(String(entry.code))}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(read.status).toBe(404);
      }
      expect(stored()).toEqual(before);
      expect((await fetch(`${sandbox.url}/v1/health`)).status).toBe(200);
    });

    it('judges an entry nested exactly 64 levels on its merits', async () => {
      const response = await fetch(`${sandbox.url}/v1/catalog/resources`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(deepEntry(40, 63)),
      });
      const problem = (await response.json()) as {
        code: string;
        errors: Array<{ rule: string; path: string }>;
      };
      expect(response.status).toBe(422);
      expect(problem.errors.map((e) => [e.rule, e.path])).toEqual([
        ['schema/contract', 'businessMatters[0]'],
      ]);
    });
  });
});
