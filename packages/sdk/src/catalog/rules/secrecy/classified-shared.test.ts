import { describe, expect, it } from 'vitest';
import { at, check, VALID_ENTRY, vary } from '../testing';

const RULE = 'secrecy/classified-shared';
const classified = (text: string, value = 'classified') =>
  vary('updateCycle: daily', `secrecy: ${value}\nupdateCycle: daily`, text);
const notShared = vary(
  '  condition: 仅用于户籍核验业务，须经市公安局审批\n  method: { class: platform, type: api }',
  '  condition: 《中华人民共和国保守国家秘密法》第二条',
  vary('  type: conditional', '  type: none'),
);

describe('secrecy/classified-shared', () => {
  it('passes a classified resource neither shared nor open, and a shared one not classified', () => {
    expect(check(RULE, classified(notShared))).toEqual([]);
    expect(check(RULE, classified(VALID_ENTRY, 'non-classified'))).toEqual([]);
    expect(check(RULE, VALID_ENTRY)).toEqual([]);
  });

  it('reports a classified resource shared on the platform', () => {
    const [diagnostic] = check(RULE, classified(VALID_ENTRY));
    expect(diagnostic?.message.en).toBe(
      'a classified resource is never shared on the platform, but share.type is conditional (Shared on conditions): make it none with the basis in share.condition; classified resources are shared on the e-government intranet under the secrecy rules',
    );
    expect(at(diagnostic)).toBe('19:9');
  });

  it('reads the Chinese label 涉密 and reports opening too', () => {
    const open = vary('open:\n  type: none', 'open:\n  type: unconditional', classified(notShared, '涉密'));
    expect(check(RULE, open).map((d) => d.message.zh)).toEqual([
      '涉密政务信息资源不得向社会开放，而 open.type 为 unconditional（无条件开放）：应改为 none',
    ]);
  });
});
