import { PassThrough } from 'node:stream';
import type { WithdrawalItem } from '@unsilo/sdk/publish';
import { describe, expect, it } from 'vitest';
import { CliError } from '../util/cli-error';
import { askToWithdraw } from './publish';

const withdrawals: WithdrawalItem[] = [
  {
    action: 'withdraw',
    code: '307002010102/000002',
    name: '临时救助对象信息',
    status: 'published',
    etag: 'e',
    transitions: [],
  },
];

/** A terminal whose user types `answer`. */
function terminal(answer: string, isTTY = true) {
  const input = Object.assign(new PassThrough(), { isTTY });
  const output = Object.assign(new PassThrough(), { isTTY });
  let shown = '';
  output.on('data', (chunk: Buffer) => {
    shown += chunk.toString('utf8');
  });
  input.end(`${answer}\n`);
  return { input, output, shown: () => shown };
}

describe('askToWithdraw', () => {
  it('lists the withdrawals and takes only yes for yes', async () => {
    const yes = terminal('yes');
    expect(await askToWithdraw(withdrawals, 'en', yes)).toBe(true);
    expect(yes.shown()).toContain('- 307002010102/000002 临时救助对象信息');
    expect(yes.shown()).toContain('permanently');
    expect(await askToWithdraw(withdrawals, 'zh', terminal('是'))).toBe(true);
    expect(await askToWithdraw(withdrawals, 'en', terminal(''))).toBe(false);
    expect(await askToWithdraw(withdrawals, 'en', terminal('no'))).toBe(false);
  });

  it('refuses with exit 2 where nobody can answer, saying to pass --yes', async () => {
    const refusal = await askToWithdraw(withdrawals, 'en', terminal('yes', false)).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(CliError);
    expect(refusal).toMatchObject({ code: 'publish.confirmation_required', exitCode: 2 });
    expect((refusal as CliError).message).toContain('--yes');
  });
});
