import { describe, expect, it } from 'vitest';
import { parseMatterList } from './matter-lists';

describe('parseMatterList', () => {
  it("reads a CSV with the city's Chinese headers, needs split on ；、;", () => {
    const csv =
      '\uFEFF事项编码,事项名称,所需数据\n330200-MZ-001,内地居民结婚登记,公民身份号码；婚姻登记信息\n330200-ZJ-001,商品房预售许可,\n';
    const { matters, problems } = parseMatterList(csv, 'service', 'services.csv');
    expect(problems).toEqual([]);
    expect(matters).toEqual([
      {
        code: '330200-MZ-001',
        name: '内地居民结婚登记',
        kind: 'service',
        needs: ['公民身份号码', '婚姻登记信息'],
      },
      { code: '330200-ZJ-001', name: '商品房预售许可', kind: 'service', needs: [] },
    ]);
  });

  it('reads YAML (powers: [...]) and reports rows without a code at their line', () => {
    const { matters, problems } = parseMatterList(
      'powers:\n  - { code: P1, name: 行政处罚, needs: [行政处罚信息] }\n  - { name: 行政检查 }\n',
      'power',
      'powers.yaml',
    );
    expect(matters).toEqual([{ code: 'P1', name: '行政处罚', kind: 'power', needs: ['行政处罚信息'] }]);
    expect(problems.map((p) => [p.code, p.range.start.line])).toEqual([['matter.code-or-name', 3]]);
  });

  it('refuses a CSV without code and name columns', () => {
    expect(parseMatterList('a,b\n1,2\n', 'service', 'x.csv').problems.map((p) => p.code)).toEqual([
      'list.csv-header',
    ]);
  });
});
