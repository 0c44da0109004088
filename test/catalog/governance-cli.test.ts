import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli';

/** A city's workspace the code was not written against: roster, systems registry, lists, projects. */
const city = join(repoRoot, 'test/fixtures/city-workspace');
const scratch = mkdtempSync(join(tmpdir(), 'unsilo-governance-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("unsilo catalog report with the city's lists", () => {
  it('names the departments that filed nothing first, and the systems not connected (HTML)', async () => {
    const out = join(scratch, 'city.html');
    const { code } = await runCli(['catalog', 'report', city, '--out', out, '--lang', 'zh']);
    expect(code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const headline = html.indexOf('8 个部门中有 3 个未编制任何目录');
    expect(headline).toBeGreaterThan(0);
    for (const name of ['江临市交通运输局', '江临市住房和城乡建设局', '江临市退役军人事务局']) {
      expect(html.indexOf(name)).toBeGreaterThan(headline);
    }
    // Before the catalogue's own charts: the figure comes first.
    expect(headline).toBeLessThan(html.indexOf('共享类型分布'));
    const notConnected = html.slice(html.indexOf('id="not-connected"'), html.indexOf('id="without-entries"'));
    for (const name of [
      '机动车登记管理系统',
      '社会救助信息系统',
      '市场监管执法办案系统',
      '妇幼保健信息系统',
    ]) {
      expect(notConnected).toContain(name);
    }
    expect(notConnected).not.toContain('婚姻登记信息系统');
  });

  it('writes the same figures as JSON for the dashboard (--format json, stdout)', async () => {
    const { code, stdout } = await runCli(['catalog', 'report', city, '--format', 'json']);
    expect(code).toBe(0);
    const { governance } = JSON.parse(stdout);
    expect(governance.roster.filedNothing.map((d: { name: string }) => d.name)).toEqual([
      '江临市交通运输局',
      '江临市住房和城乡建设局',
      '江临市退役军人事务局',
    ]);
    expect(governance.roster.unlisted.map((p: { name: string }) => p.name)).toEqual([
      '江临市大数据发展管理局',
    ]);
    expect(governance.systems.notConnected.map((s: { id: string }) => s.id)).toEqual([
      'ga-jdcxt',
      'mz-jzxt',
      'sj-jgxt',
      'wj-fyxt',
      'jt-ysxt',
      'zj-fcxt',
    ]);
    expect(governance.systems.withoutEntries.map((s: { id: string }) => s.id)).toEqual([
      'ga-jdcxt',
      'jt-ysxt',
      'zj-fcxt',
    ]);
    expect(governance.matters.unmetNeeds.map((m: { code: string }) => m.code)).toEqual([
      '330200-RS-002',
      '330200-JT-001',
      '330200-JT-P001',
    ]);
  });

  it('takes another roster with --roster; a broken one is a usage error with its position', async () => {
    const roster = join(scratch, 'roster.yaml');
    writeFileSync(roster, 'departments:\n  - { name: 江临市公安局, code: 11330200MB0283101D }\n');
    const { stdout } = await runCli(['catalog', 'report', city, '--format', 'json', '--roster', roster]);
    expect(JSON.parse(stdout).governance.roster.filedNothing).toEqual([]);
    writeFileSync(roster, 'departments:\n  - { code: 11330200MB0283101D }\n');
    const broken = await runCli(['catalog', 'report', city, '--format', 'json', '--roster', roster]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(
      'roster.yaml:2:5 部门缺少名称（name） / a department without a name [department.name-missing]',
    );
  });
});

describe('unsilo catalog gate', () => {
  const gate = (project: string, ...args: string[]) =>
    runCli(['catalog', 'gate', city, '--project', join(city, 'projects', project), '--lang', 'en', ...args]);

  it('exits 0 when every system of the project has complete, error-free entries', async () => {
    const { code, stdout } = await gate('hunyin.yaml');
    expect(code).toBe(0);
    expect(stdout).toContain('passes');
  });

  it('exits 1 listing the incomplete entry and the system the registry does not know', async () => {
    const { code, stdout } = await gate('shichang.yaml', '--format', 'json');
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.passed).toBe(false);
    expect(result.findings.map((f: { code: string; system: string }) => [f.code, f.system])).toEqual([
      ['gate.incomplete', 'sj-jgxt'],
      ['gate.errors', 'sj-jgxt'],
      ['gate.unknown-system', 'sj-xyxt'],
    ]);
    expect(result.findings[2].message).toBe('system "sj-xyxt" is not in the systems registry');
  });

  it('exits 2 for a missing project file or a bad --format', async () => {
    expect((await gate('nope.yaml')).code).toBe(2);
    expect((await gate('hunyin.yaml', '--format', 'xml')).code).toBe(2);
  });
});
