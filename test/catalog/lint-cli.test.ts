import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli';

const clean = 'test/fixtures/catalog/clean';
const rulesDir = 'test/fixtures/catalog/rules';
const scratch = mkdtempSync(join(tmpdir(), 'unsilo-lint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('unsilo lint', () => {
  it('exits 0 on a clean workspace and says so', async () => {
    const { code, stdout } = await runCli(['lint', clean, '--lang', 'zh']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/✔ 检查了 24 个文件，没有发现问题/);
  });

  it('prints a code frame under the offending value and exits 1 on errors', async () => {
    const { code, stdout } = await runCli(['lint', `${rulesDir}/schema-enum`, '--lang', 'en']);
    expect(code).toBe(1);
    expect(stdout).toContain('error "有条件共享" is not a valid share.type; write conditional');
    expect(stdout).toContain(`${rulesDir}/schema-enum/entry.yaml:22:9`);
    expect(stdout).toContain('> 22 |   type: 有条件共享\n     |         ^^^^^^^^^^');
    expect(stdout).not.toContain('\u001b[');
    expect(stdout).toContain('1 of them can be fixed with --fix');
  });

  it('exits 0 when there are only warnings', async () => {
    const { code } = await runCli(['lint', `${rulesDir}/name-whitespace`]);
    expect(code).toBe(0);
  });

  it('writes the lint JSON with the message in the chosen language', async () => {
    const { code, stdout } = await runCli([
      'lint',
      `${rulesDir}/date-format`,
      '--format',
      'json',
      '--lang',
      'zh',
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toEqual({
      diagnostics: [
        {
          file: `${rulesDir}/date-format/entry.yaml`,
          rule: 'date/format',
          severity: 'error',
          message: '发布日期「2019年5月10日」不是 CCYY-MM-DD 格式的有效日期，应写作 2019-05-10',
          range: { start: { line: 28, column: 14 }, end: { line: 28, column: 24 } },
          fixes: [{ title: '改为 2019-05-10', edits: [expect.objectContaining({ newText: '2019-05-10' })] }],
        },
      ],
      summary: { files: 1, errors: 1, warnings: 0, infos: 0 },
    });
  });

  it('writes SARIF 2.1.0 with rules, help URIs and regions', async () => {
    const { code, stdout } = await runCli(['lint', rulesDir, '--format', 'sarif', '--lang', 'en']);
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('unsilo-lint');
    expect(run.tool.driver.rules).toHaveLength(41);
    for (const rule of run.tool.driver.rules) expect(rule.helpUri).toMatch(/^https:\/\//);
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'provider/code-checksum');
    expect(result).toMatchObject({
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: `${rulesDir}/provider-code-checksum/entry.yaml` },
            region: { startLine: 7, startColumn: 9, endLine: 7, endColumn: 29 },
          },
        },
      ],
    });
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('provider/code-checksum');
    expect(run.results.some((r: { level: string }) => r.level === 'note')).toBe(true);
  });

  it('fixes what can be fixed, writes the files and reports the rest', async () => {
    const dir = join(scratch, 'fix');
    cpSync(join('test/fixtures/catalog/rules/schema-enum'), dir, { recursive: true });
    const file = join(dir, 'entry.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('updateCycle: daily', 'updateCycle: 每日')
        .replace('publishedAt: 2019-05-10', 'publishedAt: 2019/5/10'),
    );
    const { code, stdout } = await runCli(['lint', dir, '--fix', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).summary.errors).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('  type: conditional\n');
    expect(text).toContain('updateCycle: daily\n');
    expect(text).toContain('publishedAt: 2019-05-10\n');
  });

  it('prints each edit of --fix (file:line, before → after); --dry-run writes nothing', async () => {
    const dir = join(scratch, 'fix-print');
    cpSync(join('test/fixtures/catalog/rules/schema-enum'), dir, { recursive: true });
    const file = join(dir, 'entry.yaml');
    const broken = readFileSync(file, 'utf8').replace('publishedAt: 2019-05-10', 'publishedAt: 2019/5/10');
    writeFileSync(file, broken);
    const where = relative(repoRoot, file).split(sep).join('/');
    const dry = await runCli(['lint', dir, '--fix', '--dry-run', '--lang', 'en']);
    expect(dry.stdout).toContain(`${where}:22 schema/enum: 有条件共享 → conditional`);
    expect(dry.stdout).toContain(`${where}:28 date/format: 2019/5/10 → 2019-05-10`);
    expect(dry.stdout).toContain('2 edits not written (--dry-run)');
    expect(dry.code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(broken);
    const applied = await runCli(['lint', dir, '--fix', '--lang', 'en']);
    expect(applied.stdout).toContain(`${where}:28 date/format: 2019/5/10 → 2019-05-10`);
    expect(applied.stdout).toContain('2 edits written');
    expect(applied.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('publishedAt: 2019-05-10\n');
    const dryOnly = await runCli(['lint', dir, '--dry-run']);
    expect(dryOnly.code).toBe(2);
  });

  it('leaves a change that may alter the meaning to the user: a code/class mismatch is a suggestion', async () => {
    const dir = join(scratch, 'fix-suggestion');
    cpSync(join(rulesDir, 'code-class-mismatch'), dir, { recursive: true });
    const file = join(dir, 'entry.yaml');
    const before = readFileSync(file, 'utf8');
    const pretty = await runCli(['lint', dir, '--lang', 'en']);
    expect(pretty.stdout).not.toContain('can be fixed with --fix');
    expect(pretty.stdout).toContain('1 of them has a suggested change');
    const { code, stdout } = await runCli(['lint', dir, '--fix', '--format', 'json', '--lang', 'en']);
    expect(code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(before);
    const [diagnostic] = JSON.parse(stdout).diagnostics.filter(
      (d: { rule: string }) => d.rule === 'code/class-mismatch',
    );
    expect(diagnostic.fixes).toEqual([
      expect.objectContaining({ title: 'Change the class to department', suggestion: true }),
    ]);
  });

  it('honours unsilo.config.yaml: severities, allow-lists and ignores', async () => {
    const dir = join(scratch, 'config');
    cpSync(join(rulesDir, 'provider-code-checksum'), join(dir, 'catalog'), { recursive: true });
    cpSync(join(rulesDir, 'yaml-syntax'), join(dir, 'legacy'), { recursive: true });
    const config = join(dir, 'unsilo.config.yaml');
    writeFileSync(
      config,
      'lint:\n  rules:\n    summary/too-short: error\n  allow:\n    providerCodes: ["113301000024820156"]\n  ignore: ["**/legacy/**"]\n',
    );
    const { code, stdout } = await runCli(['lint', dir, '--config', config, '--format', 'json']);
    expect(JSON.parse(stdout).summary).toEqual({ files: 1, errors: 0, warnings: 0, infos: 0 });
    expect(code).toBe(0);
  });

  it('exits 2 on usage and I/O errors, with a bilingual message', async () => {
    const missing = await runCli(['lint', 'no/such/dir']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('路径不存在 / no such file or directory');
    const format = await runCli(['lint', clean, '--format', 'xml']);
    expect(format.code).toBe(2);
    const badConfig = join(scratch, 'bad.yaml');
    writeFileSync(badConfig, 'lint:\n  rules:\n    no/such-rule: error\n');
    const config = await runCli(['lint', clean, '--config', badConfig]);
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('unknown rule "no/such-rule"');
  });

  it('finds catalogue entries by content and skips other YAML', async () => {
    const dir = join(scratch, 'mixed');
    cpSync(join(clean, 'ga-hjrk.yaml'), join(dir, 'a.yaml'));
    writeFileSync(join(dir, 'other.yaml'), 'apiVersion: unsilo/v1\nkind: FieldMapping\nbroken: [\n');
    writeFileSync(join(dir, 'notes.yml'), 'just: notes\n');
    const { code, stdout } = await runCli(['lint', dir, '--format', 'json']);
    expect(JSON.parse(stdout).summary).toEqual({ files: 1, errors: 0, warnings: 1, infos: 0 });
    expect(code).toBe(0);
  });
});

describe('unsilo check', () => {
  it('validates USCCs and organisation codes, as JSON', async () => {
    const { code, stdout } = await runCli([
      'check',
      'uscc',
      '91350100M000100Y43',
      '91110108551385082A',
      '--format',
      'json',
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual([
      { value: '91350100M000100Y43', valid: true, normalized: '91350100M000100Y43' },
      {
        value: '91110108551385082A',
        valid: false,
        reason: {
          code: 'uscc.checksum',
          zh: '校验码错误：应为 Q，实际为 A（GB 32100）',
          en: 'check character mismatch: expected Q, got A (GB 32100)',
        },
      },
    ]);
  });

  it('exits 0 when every value is valid and prints a readable line per value', async () => {
    const { code, stdout } = await runCli(['check', 'orgcode', '55138508-2', 'M000100Y4', '--lang', 'en']);
    expect(code).toBe(0);
    expect(stdout).toBe('✔ 55138508-2 → 551385082\n✔ M000100Y4\n');
  });

  it('refuses an unknown kind with exit 2', async () => {
    const { code, stderr } = await runCli(['check', 'passport', 'E12345678']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown kind');
  });
});
