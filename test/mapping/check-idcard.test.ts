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

  it('exits 0 when every value is valid and nothing about it is doubtful', async () => {
    const result = await runCli(['check', 'idcard', '11010519491231002X', '--lang', 'zh']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('✔ 11010519491231002X\n');
  });

  it('accepts the standard example 440524188001010014 but says its area code is older than every list known', async () => {
    // 440524 (潮阳县) was gone before the earliest edition of GB/T 2260 Unsilo has (about 1998).
    const result = await runCli(['check', 'idcard', '440524188001010014', '--format', 'json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)[0]).toMatchObject({
      valid: true,
      warnings: [{ code: 'idcard.region-unknown' }],
    });
  });
});
