import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

describe('unsilo check idcard', () => {
  it('validates ID numbers and says why one fails (json)', async () => {
    const result = await runCli([
      'check',
      'idcard',
      '11010519491231002x',
      '110105194912310021',
      '610104620927690',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(1);
    const checks = JSON.parse(result.stdout);
    expect(checks[0]).toEqual({ value: '11010519491231002x', valid: true, normalized: '11010519491231002X' });
    expect(checks[1]).toMatchObject({
      value: '110105194912310021',
      valid: false,
      reason: { code: 'idcard.checksum' },
    });
    expect(checks[2].reason.en).toContain('610104196209276908');
  });

  it('exits 0 when every value is valid', async () => {
    const result = await runCli(['check', 'idcard', '440524188001010014', '--lang', 'zh']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('440524188001010014');
  });
});
