import { describe, expect, it } from 'vitest';
import { at, check, fixed, VALID_ENTRY, vary } from '../testing';
import { libraryName } from './library-unknown';

const RULE = 'classification/library-unknown';
const classed = (kind: string, topic: string) =>
  vary(
    'code: "307001030801/000012"',
    `code: "${kind === 'basic' ? 1 : 2}07001030801/000012"`,
    vary('  class: department\n  topic: 人口', `  class: ${kind}\n  topic: ${topic}`),
  );

describe('classification/library-unknown', () => {
  it('passes the national basic and theme libraries, however written, and never checks department entries', () => {
    for (const topic of [
      '人口',
      '人口基础信息库',
      '国家人口基础信息资源',
      '法人单位',
      '电子证照库',
      '宏观经济',
    ]) {
      expect(check(RULE, classed('basic', topic)), topic).toEqual([]);
    }
    for (const topic of ['社会保障', '公共资源交易', '交通设施主题库', '应急保障']) {
      expect(check(RULE, classed('theme', topic)), topic).toEqual([]);
    }
    expect(check(RULE, vary('  topic: 人口', '  topic: 随便什么'))).toEqual([]);
    expect(check(RULE, VALID_ENTRY)).toEqual([]);
  });

  it('reports an unknown basic library and suggests the closest name', () => {
    const text = classed('basic', '自然资源空间地理');
    const [diagnostic] = check(RULE, text);
    expect(diagnostic?.message.en).toMatch(
      /^classification.topic "自然资源空间地理" is no basic library \(did you mean "自然资源和空间地理"\?\); the known basic libraries are 人口、法人、/,
    );
    expect(at(diagnostic)).toBe('10:10');
    expect(diagnostic?.fixes[0]).toMatchObject({
      suggestion: true,
      title: { en: 'Change to 自然资源和空间地理' },
    });
    expect(fixed(RULE, text)).toContain('  topic: 自然资源和空间地理\n');
  });

  it('says when the topic is a library of the other class', () => {
    const [diagnostic] = check(RULE, classed('basic', '社会保障'));
    expect(diagnostic?.message.zh).toBe(
      'classification.topic「社会保障」不是基础信息资源库。「社会保障」是主题信息资源库，请核对 classification.class',
    );
  });

  it("accepts the city's own libraries from the config", () => {
    const text = classed('theme', '智慧停车');
    expect(check(RULE, text)).toHaveLength(1);
    expect(check(RULE, text, [], { libraries: { theme: ['智慧停车'] } })).toEqual([]);
    expect(check(RULE, text, [], { libraries: { basic: ['智慧停车'] } })).toHaveLength(1);
  });

  it('reads a topic as a library name', () => {
    expect(libraryName('国家人口基础信息资源库')).toBe('人口');
    expect(libraryName('法人单位信息')).toBe('法人单位');
    expect(libraryName(' 公共资源交易 主题库')).toBe('公共资源交易');
  });
});
