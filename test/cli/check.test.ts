import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localDate } from '../../packages/sdk/src/identifiers/calendar-date';
import { idcardCheckChar } from '../../packages/sdk/src/identifiers/idcard';
import { runCli } from '../helpers/cli';

const scratch = mkdtempSync(join(tmpdir(), 'unsilo-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A code that passes GB 32100 whose positions 9–17 (551385083) fail the GB 11714 check (2 expected).
const EMBEDS_BAD_ORGCODE = '91110108551385083U';

describe('unsilo check uscc', () => {
  it('reports an embedded organisation code that fails GB 11714 and exits 1', async () => {
    const { code, stdout } = await runCli(['check', 'uscc', EMBEDS_BAD_ORGCODE, '--lang', 'en']);
    expect(code).toBe(1);
    expect(stdout).toBe(
      `⚠ ${EMBEDS_BAD_ORGCODE}  the organisation code in positions 9–17 "551385083" fails its GB 11714 check (expected 2, got 3) [uscc.orgcode-checksum]\n`,
    );
  });

  it('gives the warning in JSON too', async () => {
    const { code, stdout } = await runCli(['check', 'uscc', EMBEDS_BAD_ORGCODE, '--format', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual([
      {
        value: EMBEDS_BAD_ORGCODE,
        valid: true,
        normalized: EMBEDS_BAD_ORGCODE,
        warnings: [expect.objectContaining({ code: 'uscc.orgcode-checksum' })],
      },
    ]);
  });
});

describe('unsilo check idcard', () => {
  it('offers no 18-character form for a 15-digit number whose date is impossible', async () => {
    const { code, stdout } = await runCli(['check', 'idcard', '610104621327690', '--format', 'json']);
    expect(code).toBe(1);
    const [result] = JSON.parse(stdout);
    expect(result.reason.code).toBe('idcard.birth-date');
    expect(result.reason.en).not.toMatch(/\d{17}[\dX]/);
  });

  it('reports an area code no edition of GB/T 2260 lists, and exits 1', async () => {
    const { code, stdout } = await runCli(['check', 'idcard', '110199199001010010', '--lang', 'zh']);
    expect(code).toBe(1);
    expect(stdout).toContain('[idcard.region-unknown]');
  });

  it('reads "today" in the timeZone of unsilo.config.yaml', async () => {
    // Kiritimati (UTC+14) and Pago Pago (UTC−11) are 25 hours apart: never on the same calendar day.
    const bornToday = localDate(new Date(), 'Pacific/Kiritimati').replaceAll('-', '');
    const body = `110105${bornToday}002`;
    const id = body + idcardCheckChar(body);
    const dir = mkdtempSync(join(scratch, 'zone-'));
    const withZone = async (zone: string) => {
      writeFileSync(join(dir, 'unsilo.config.yaml'), `timeZone: ${zone}\n`);
      return runCli(['check', 'idcard', id, '--format', 'json'], { cwd: dir });
    };
    expect((await withZone('Pacific/Kiritimati')).code).toBe(0);
    const behind = await withZone('Pacific/Pago_Pago');
    expect([behind.code, JSON.parse(behind.stdout)[0].reason.code]).toEqual([1, 'idcard.birth-date']);
    const unknown = await withZone('Mars/Olympus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Mars/Olympus');
  });
});
