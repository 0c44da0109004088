import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli';

const fixtures = join(repoRoot, 'test/fixtures/mapping');
const work = mkdtempSync(join(tmpdir(), 'unsilo-map-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const lines = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n');

describe('unsilo map run on department exports', () => {
  it.each([
    // Warnings: 440524 (潮阳县, older than every GB/T 2260 edition known) in an ID number and a region; 下城区
    // 330103 and 江干区 330104, abolished in 2021.
    ['minzheng/jiuzhu-renkou', 'csv', { read: 11, accepted: 5, rejected: 6, warnings: 2 }],
    ['gongan/czrk', 'csv', { read: 10, accepted: 4, rejected: 6, warnings: 2 }],
    ['scjg/qiye-minglu', 'xlsx', { read: 8, accepted: 4, rejected: 4, warnings: 0 }],
  ] as const)('%s: output and rejects match the expected files', async (name, ext, counts) => {
    const out = join(work, `${name.replace('/', '-')}.ndjson`);
    const rejects = join(work, `${name.replace('/', '-')}.rejects.ndjson`);
    const result = await runCli([
      'map',
      'run',
      '-m',
      join(fixtures, `${name}.mapping.yaml`),
      '-i',
      join(fixtures, `${name}.${ext}`),
      '-o',
      out,
      '--rejects',
      rejects,
      '--format',
      'json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1); // some rows were rejected
    const summary = JSON.parse(result.stdout.trimEnd().split('\n').at(-1)!);
    expect(summary).toMatchObject(counts);
    expect(summary.read).toBe(summary.accepted + summary.rejected);
    expect(lines(out)).toEqual(lines(join(fixtures, `${name}.expected.ndjson`)));
    expect(lines(rejects)).toEqual(lines(join(fixtures, `${name}.expected-rejects.ndjson`)));
    for (const line of lines(rejects)) {
      const reject = JSON.parse(line);
      expect(reject.row).toBeGreaterThan(0);
      for (const e of reject.errors)
        expect(Object.keys(e)).toEqual(['field', 'rule', 'value', 'message', 'zh']);
    }
  });

  it('the 民政 rejects name every planted fault', () => {
    const rules = lines(join(fixtures, 'minzheng/jiuzhu-renkou.expected-rejects.ndjson')).map((l) => {
      const r = JSON.parse(l);
      return [r.row, r.errors.map((e: { rule: string }) => e.rule).join('+')];
    });
    expect(rules).toEqual([
      [5, 'idcard'],
      [6, 'codes'],
      [7, 'date'],
      [8, 'idcard-consistent'],
      [9, 'codes'],
      [10, 'idcard+date'],
    ]);
  });
});

describe('unsilo map run on NDJSON', () => {
  it('maps objects line by line and rejects a line that is not JSON, with its line number', async () => {
    const dir = mkdtempSync(join(work, 'ndjson-'));
    const mapping = readFileSync(join(fixtures, 'gongan/czrk.mapping.yaml'), 'utf8').replace(
      'source: { format: csv, encoding: auto }',
      'source: { format: ndjson }',
    );
    writeFileSync(join(dir, 'czrk.mapping.yaml'), mapping);
    const rows = [
      {
        SFZH: '11010519491231002X',
        XM: '张三',
        XB: 1,
        CSRQ: '1949-12-31',
        MZDM: '01',
        HJDZ_XZQH: '110105',
        HJDZ: '朝阳区',
      },
      '{"SFZH": broken',
    ];
    writeFileSync(
      join(dir, 'in.ndjson'),
      `${rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')}\n`,
    );
    const result = await runCli([
      'map',
      'run',
      '-m',
      join(dir, 'czrk.mapping.yaml'),
      '-i',
      join(dir, 'in.ndjson'),
      '-o',
      join(dir, 'out.ndjson'),
      '--catalog',
      join(fixtures, 'catalog'),
      '--format',
      'json',
    ]);
    expect(JSON.parse(result.stdout.trimEnd().split('\n').at(-1)!)).toMatchObject({
      read: 2,
      accepted: 1,
      rejected: 1,
    });
    expect(JSON.parse(lines(join(dir, 'out.ndjson'))[0]!)).toMatchObject({
      gmsfhm: '11010519491231002X',
      xb: '2',
    });
    expect(JSON.parse(lines(join(dir, 'out.rejects.ndjson'))[0]!)).toMatchObject({
      row: 2,
      line: 2,
      errors: [{ rule: 'ndjson/syntax' }],
    });
  });
});

describe('unsilo map preview', () => {
  const mapping = join(fixtures, 'gongan/czrk.mapping.yaml');
  const input = join(fixtures, 'gongan/czrk.csv');

  it('json: rows before/after, uncovered codes with counts, coverage', async () => {
    const result = await runCli([
      'map',
      'preview',
      '-m',
      mapping,
      '-i',
      input,
      '--format',
      'json',
      '--limit',
      '3',
    ]);
    expect(result.code).toBe(0);
    const preview = JSON.parse(result.stdout);
    expect(preview.rows).toHaveLength(3);
    expect(preview.rows[0].after).toMatchObject({ xb: '1', csrq: '1985-10-10' });
    expect(preview.uncovered).toEqual([
      { field: 'mz', value: '60', count: 1, rows: [9] },
      { field: 'xb', value: '2', count: 1, rows: [6] },
    ]);
    expect(preview.coverage).toMatchObject({ total: 7, mapped: 7, unmappedKeys: [] });
  });

  it('table: readable in Chinese', async () => {
    const result = await runCli([
      'map',
      'preview',
      '-m',
      mapping,
      '-i',
      input,
      '--lang',
      'zh',
      '--limit',
      '1',
    ]);
    expect(result.stdout).toContain('未覆盖的代码值');
    expect(result.stdout).toContain('覆盖率 7/7');
  });

  it('html: self-contained and escapes values', async () => {
    const dir = mkdtempSync(join(work, 'html-'));
    writeFileSync(
      join(dir, 'in.csv'),
      'SFZH,XM,XB,CSRQ,MZDM,HJDZ_XZQH,HJDZ\n11010519491231002X,<script>alert(1)</script>,1,1949-12-31,01,110105,"a&b"\n',
    );
    const result = await runCli([
      'map',
      'preview',
      '-m',
      mapping,
      '-i',
      join(dir, 'in.csv'),
      '--format',
      'html',
      '--catalog',
      join(fixtures, 'catalog'),
    ]);
    // The editor's renderer, without its sample picker: a page with no script at all.
    expect(result.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(result.stdout).not.toContain('<script>');
    // sample values land in the samples table's cells as text
    expect(result.stdout).toContain('<td class="value">&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(result.stdout).toContain('<td class="value">a&amp;b</td>');
    expect(result.stdout).not.toMatch(/<(link|img|script)[\s>]/);
    expect(result.stdout).not.toContain('pick-sample');
    expect(/Content-Security-Policy" content="([^"]+)"/.exec(result.stdout)?.[1]).toMatch(
      /^default-src 'none'; style-src 'nonce-[A-Za-z0-9+/=]+'; script-src 'none';/,
    );
    expect(result.stdout).toContain('<strong id="coverage-figure">7/7</strong>');
  });
});

describe('unsilo map preview: every rejected row, whatever rows it shows', () => {
  // The 民政 example: 205 rows, the five faults in rows 201–205, far after a window of 20 rows.
  const example = join(repoRoot, 'examples/minzheng-population');
  const args = [
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
  ];

  it('text: the rejected rows with their reasons come after the counts, before the rows shown', async () => {
    const result = await runCli([...args, '--lang', 'en']);
    expect(result.stderr).toBe('');
    const out = result.stdout.split('\n');
    expect(out[0]).toBe('read 205  accepted 200  rejected 5  warnings 0');
    const heading = out.indexOf('rejected rows and reasons (5):');
    expect(heading).toBeGreaterThan(0);
    expect(out.slice(heading + 1, heading + 6)).toEqual([
      '  row 201  gmsfhm [idcard] "330102198204270060": invalid ID number: check character mismatch: expected 3, got 0 (GB 11643)',
      '  row 202  xb [codes] "3": value "3" is not covered by the codes table',
      '  row 203  csrq [date] "19991332": not a real date in the formats YYYYMMDD | YYYY年M月D日 | YYYY/M/D',
      '  row 204  mz [codes] "火星族": value "火星族" is not covered by GB/T 3304',
      '  row 205  csrq [idcard-consistent] "1943-12-28": birth date 1943-12-28 disagrees with the ID number 330102198001010296 (1980-01-01)',
    ]);
    expect(heading).toBeLessThan(out.indexOf('row 1  ✓'));
    expect(out.filter((l) => /^row \d+ /.test(l))).toHaveLength(20);
  });

  it('text in Chinese', async () => {
    const result = await runCli([...args, '--lang', 'zh']);
    expect(result.stdout).toContain(
      '拒收行及原因 (5):\n  行 201  gmsfhm [idcard] "330102198204270060": 公民身份号码无效',
    );
    expect(result.stdout).toContain('  行 204  mz [codes] "火星族": 值「火星族」不在 GB/T 3304 中\n');
  });

  it('html: rejects with reasons, then uncovered codes with their rows, then the rows shown', async () => {
    const html = (await runCli([...args, '--format', 'html', '--lang', 'en'])).stdout;
    const table = /<table id="rejects-table">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    const lines = [
      ...table.matchAll(
        /<tr><td>(?:<span id="reject-row-(\d+)">\d+<\/span>)?<\/td><td><code>(\w+)<\/code><\/td><td><code>([\w-]+)<\/code>/g,
      ),
    ];
    expect(lines.map((m) => [Number(m[1]), m[2], m[3]])).toEqual([
      [201, 'gmsfhm', 'idcard'],
      [202, 'xb', 'codes'],
      [203, 'csrq', 'date'],
      [204, 'mz', 'codes'],
      [205, 'csrq', 'idcard-consistent'],
    ]);
    expect(table).toContain('<td>value &quot;火星族&quot; is not covered by GB/T 3304</td>');
    expect(html).toContain(
      '<td><code>mz</code></td><td>火星族</td><td>1</td><td><a href="#reject-row-204">204</a></td>',
    );
    const order = ['id="summary"', 'id="rejects"', 'id="uncovered"', 'id="rows"', 'id="fields"'].map((s) =>
      html.indexOf(s),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(html).not.toContain('id="rejects-cut"');
  });
});

describe('unsilo map: bad input', () => {
  it.each(['run', 'preview'])(
    'a workbook given as the CSV export: map %s says what it is and exits 2, writing nothing',
    async (command) => {
      const workbook = join(fixtures, 'scjg/qiye-minglu.xlsx');
      const out = join(work, `wrong-format-${command}.ndjson`);
      const result = await runCli([
        'map',
        command,
        '-m',
        join(fixtures, 'gongan/czrk.mapping.yaml'),
        '-i',
        workbook,
        ...(command === 'run' ? ['-o', out] : []),
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `unsilo: [source/wrong-format] ${workbook} 不是 CSV 文件：检测到ZIP 文件（.xlsx 工作簿即是）；请在映射文件中设置 source.format: xlsx / ` +
          `${workbook} is not a CSV file: detected a ZIP file (an .xlsx workbook is one); set source.format: xlsx in the mapping\n`,
      );
      expect(existsSync(out)).toBe(false);
    },
  );

  it('an invalid mapping stops with positions (exit 2)', async () => {
    const bad = join(work, 'bad.mapping.yaml');
    writeFileSync(
      bad,
      'apiVersion: unsilo/v1\nkind: FieldMapping\nresource: "307001030801/000012"\nsource: { format: csv }\nkey: [gmsfhm]\nfields:\n  gmsfhm: { from: SFZH }\n  xingbie: { from: XB }\n',
    );
    const result = await runCli([
      'map',
      'run',
      '-m',
      bad,
      '-i',
      join(fixtures, 'gongan/czrk.csv'),
      '-o',
      join(work, 'x.ndjson'),
      '--catalog',
      join(fixtures, 'catalog'),
      '--lang',
      'en',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.mapping\.yaml:8:3 error mapping\/unknown-item/);
  });

  it('a mapping reading a column the input lacks stops before writing rows (exit 2)', async () => {
    const result = await runCli([
      'map',
      'run',
      '-m',
      join(fixtures, 'gongan/czrk.mapping.yaml'),
      '-i',
      join(fixtures, 'minzheng/jiuzhu-renkou.csv'),
      '-o',
      join(work, 'y.ndjson'),
      '--lang',
      'en',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('mapping/unknown-column');
  });

  it('an output that cannot be written is exit 2, not a crash', async () => {
    const result = await runCli([
      'map',
      'run',
      '-m',
      join(fixtures, 'gongan/czrk.mapping.yaml'),
      '-i',
      join(fixtures, 'gongan/czrk.csv'),
      '-o',
      // A folder that would be a file: missing folders are made, this one cannot be.
      join(fixtures, 'gongan/czrk.csv', 'out.ndjson'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\[io\] cannot write/);
  });

  it('a missing catalogue entry or input file is exit 2 with a clear message', async () => {
    const noEntry = await runCli([
      'map',
      'run',
      '-m',
      join(fixtures, 'gongan/czrk.mapping.yaml'),
      '-i',
      'nope.csv',
      '-o',
      join(work, 'z.ndjson'),
      '--catalog',
      work,
    ]);
    expect(noEntry.code).toBe(2);
    expect(noEntry.stderr).toContain(
      `[mapping/entry-not-found] no catalogue entry with code 307001030801/000012 in ${work} (use --catalog DIR|FILE) / 找不到代码为 307001030801/000012 的目录条目`,
    );
    const noInput = await runCli([
      'map',
      'run',
      '-m',
      join(fixtures, 'gongan/czrk.mapping.yaml'),
      '-i',
      join(work, 'nope.csv'),
      '-o',
      join(work, 'z.ndjson'),
    ]);
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain('[io]');
  });
});
