import { describe, expect, it } from 'vitest';
import { isPlaceholderCondition, namesLegalBasis } from './condition-text';

describe('isPlaceholderCondition', () => {
  it('knows the placeholders, after trimming spaces and punctuation, in any case', () => {
    const placeholders = [
      '无',
      ' 暂无。',
      '不详',
      '待定',
      '待补充',
      '略',
      'N/A',
      'na',
      'None',
      'TBD',
      '/',
      '-',
      '—',
      '…',
      '（无）',
    ];
    expect(placeholders.filter((text) => !isPlaceholderCondition(text))).toEqual([]);
  });

  it('leaves real conditions and blank text alone', () => {
    const conditions = [
      '',
      '  ',
      '仅用于户籍核验业务，须经市公安局审批',
      '无犯罪记录证明须本人授权',
      'N/A 以外的用途须审批',
    ];
    expect(conditions.filter((text) => isPlaceholderCondition(text))).toEqual([]);
  });
});

describe('namesLegalBasis', () => {
  it('accepts a title in 《》, an article, a document number, a word ending 法/条例/规定/办法…', () => {
    const bases = [
      '《中华人民共和国居民身份证法》第六条',
      '依据保守国家秘密法第九条',
      '居民身份证法第十九条',
      '涉及国家秘密，依据保密法不予共享',
      '依据杭州市公共数据开放管理暂行办法',
      '国办发〔2016〕51号',
      '按市政府关于公共数据分级分类的通知执行',
      '依据刑法',
      '第19条',
    ];
    expect(bases.filter((text) => !namesLegalBasis(text))).toEqual([]);
  });

  it('refuses a reason that names no document', () => {
    const reasons = [
      '不共享',
      '涉及隐私',
      '涉密',
      '涉及个人隐私，依法不予共享',
      '根据相关规定不予共享',
      '依据规定',
      '涉及法律法规',
      '依据有关法律法规规定',
      '无法共享',
      '经研究决定不予共享',
    ];
    expect(reasons.filter((text) => namesLegalBasis(text))).toEqual([]);
  });
});
