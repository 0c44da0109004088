import { expectEqual, expectProblemResponse, expectRefused } from '../assert';
import { conformanceRecords } from '../fixtures/entry';
import { CheckSkipped, type ConformanceCheck } from '../types';
import { bearerToken, expectRecords } from './records';

/** The most requests the rate-limit check sends before it gives up and skips. */
export const RATE_LIMIT_CAP = 1500;
/** Requests in flight at once while bursting: a burst, not a crawl, against a remote exchange too. */
const BURST = 25;

/** Sends getMe as the vendor, BURST at a time, until a 429 comes or `cap` requests went; the 429 if one came. */
async function burstUntilLimited(
  send: () => Promise<Response>,
  cap: number,
): Promise<{ limited: Response | undefined; sent: number }> {
  let sent = 0;
  while (sent < cap) {
    const answers = await Promise.all(Array.from({ length: Math.min(BURST, cap - sent) }, send));
    sent += answers.length;
    const limited = answers.find((answer) => answer.status === 429);
    for (const answer of answers) if (answer !== limited) await answer.body?.cancel();
    if (limited) return { limited, sent };
    const other = answers.find((answer) => answer.status !== 200);
    if (other) throw new Error(`getMe answered ${other.status} while bursting (expected 200 or 429)`);
  }
  return { limited: undefined, sent };
}

export const limitsChecks: ConformanceCheck[] = [
  {
    id: 'limits/batch-too-large',
    title: {
      zh: '超过 5000 个操作的批次返回 413 request.too_large，且不写入',
      en: 'a batch of more than 5,000 operations is a 413 request.too_large and writes nothing',
    },
    spec: 'batchRecords',
    async run(context) {
      const { code } = await context.fixtures.publishNew('providerA');
      const records = conformanceRecords(5001, 'TL');
      const call = context.client('providerA').records.batch(code, { upsert: records });
      const problem = await expectRefused(call, 413, 'a batch of 5,001 upserts');
      expectEqual(problem, 'request.too_large', 'a batch of 5,001 upserts: problem code');
      await expectRecords(context, code, [], 'the records after the refused batch');
    },
  },
  {
    id: 'limits/rate-limited',
    title: {
      zh: '超出请求速率时返回 429 rate.limited，并带正整数 Retry-After',
      en: 'beyond the request rate the answer is a 429 rate.limited with a positive integer Retry-After',
    },
    spec: 'getMe',
    async run(context) {
      // One role only (the vendor), on a cheap read; it spends that client's allowance, so this check goes last.
      const token = await bearerToken(context, 'vendor');
      const send = () => context.raw('getMe', '/v1/me', { headers: { authorization: `Bearer ${token}` } });
      const { limited, sent } = await burstUntilLimited(send, RATE_LIMIT_CAP);
      if (!limited) {
        throw new CheckSkipped(
          `no 429 within ${sent} requests: the exchange allows more / ${sent} 次请求内未触发限流，平台允许的速率更高`,
        );
      }
      const retryAfter = limited.headers.get('retry-after') ?? '';
      const problem = await expectProblemResponse(limited, 429, 'the answer over the rate');
      expectEqual(problem, 'rate.limited', 'the answer over the rate: problem code');
      if (!/^[1-9]\d*$/.test(retryAfter)) {
        throw new Error(
          `Retry-After: expected a positive integer of seconds, got ${JSON.stringify(retryAfter)}`,
        );
      }
    },
  },
];
