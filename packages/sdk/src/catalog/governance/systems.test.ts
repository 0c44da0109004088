import { describe, expect, it } from 'vitest';
import { parseSystems } from './systems';

describe('parseSystems', () => {
  it('reads the registry, Chinese labels of scope and builder as their tokens', () => {
    const { systems, problems } = parseSystems(
      [
        'systems:',
        '  - { id: mz-hyxt, name: 婚姻登记信息系统, department: 11330200MB0284101L, builtBy: 国家部委建设, connected: true, scope: 跨部门共享 }',
        '  - { id: sj-jgxt, name: 执法办案系统, builtBy: city, connected: false, scope: 单机运行 }',
        '  - { id: mz-jzxt, name: 社会救助信息系统, scope: 处室内部 }',
        '',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(systems).toEqual([
      {
        id: 'mz-hyxt',
        name: '婚姻登记信息系统',
        department: '11330200MB0284101L',
        builtBy: 'national',
        connected: true,
        scope: 'cross-department',
      },
      { id: 'sj-jgxt', name: '执法办案系统', builtBy: 'city', connected: false, scope: 'standalone' },
      { id: 'mz-jzxt', name: '社会救助信息系统', scope: 'office' },
    ]);
  });

  it('reports an unknown scope, a connected that is not a flag, a bad or repeated id', () => {
    const { systems, problems } = parseSystems(
      [
        'systems:',
        '  - { id: a, name: 甲系统, scope: 全市共享 }',
        '  - { id: b, name: 乙系统, connected: 是 }',
        '  - { id: "-c", name: 丙系统 }',
        '  - { id: a, name: 甲系统 }',
        '',
      ].join('\n'),
    );
    expect(problems.map((p) => [p.code, p.range.start.line])).toEqual([
      ['system.scope', 2],
      ['system.connected', 3],
      ['system.id-or-name', 4],
      ['system.duplicate', 5],
    ]);
    expect(problems[0]?.message.en).toBe(
      'scope "全市共享" of "a" is not one of standalone, office, department, cross-department, none (or their Chinese names)',
    );
    expect(systems.map((s) => s.id)).toEqual(['a', 'b']);
  });
});
