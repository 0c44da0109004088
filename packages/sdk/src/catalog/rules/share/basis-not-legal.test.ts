import { describe, expect, it } from 'vitest';
import { at, check, VALID_ENTRY, vary } from '../testing';

const notSharedBecause = (basis: string) =>
  vary(
    '  condition: 仅用于户籍核验业务，须经市公安局审批',
    `  condition: ${basis}`,
    vary('  method: { class: platform, type: api }', '', vary('  type: conditional', '  type: none')),
  );

describe('share/basis-not-legal', () => {
  it('passes a basis that names a law, a regulation or a policy document', () => {
    for (const basis of [
      '《中华人民共和国居民身份证法》第六条',
      '依据保守国家秘密法不予共享',
      '国办发〔2016〕51号',
    ]) {
      expect({ basis, diagnostics: check('share/basis-not-legal', notSharedBecause(basis)) }).toEqual({
        basis,
        diagnostics: [],
      });
    }
    expect(check('share/basis-not-legal', VALID_ENTRY)).toEqual([]);
  });

  it('reports a reason that is not a basis, at the value', () => {
    for (const reason of ['不共享', '涉及隐私', '涉密', '涉及个人隐私，依法不予共享']) {
      const diagnostics = check('share/basis-not-legal', notSharedBecause(reason));
      expect({ reason, at: diagnostics.map(at) }).toEqual({ reason, at: ['20:14'] });
    }
    expect(check('share/basis-not-legal', notSharedBecause('涉密'))[0]?.message.zh).toContain(
      '不予共享的依据「涉密」未指明法律法规或政策文件',
    );
  });

  it('leaves an empty basis to share/basis-required', () => {
    const text = notSharedBecause('""');
    expect(check('share/basis-not-legal', text)).toEqual([]);
    expect(check('share/basis-required', text).length).toBe(1);
  });
});
