import { type ExchangeClient, ExchangeHttpError } from '../client';
import type { ProviderRole } from './fixtures/fixtures';
import type { ConformanceRole, LeftResource } from './types';

const WITHDRAW_REASON = '接口符合性检验结束，撤销检验资源 / conformance run finished';

/**
 * Withdraws every entry the run filed that is not withdrawn yet, as its provider. The contract has no delete:
 * a withdrawn entry stays on the exchange, so each is listed; the ones that could not be withdrawn say why.
 */
export async function withdrawCreated(
  created: ReadonlyMap<string, ProviderRole>,
  client: (role: ConformanceRole) => ExchangeClient,
): Promise<LeftResource[]> {
  const left: LeftResource[] = [];
  for (const [code, role] of created) {
    try {
      left.push({ code, ...(await withdrawOne(client(role), code)) });
    } catch (error) {
      const reason = error instanceof ExchangeHttpError ? `${error.status} ${error.code}` : String(error);
      left.push({ code, status: 'unknown', withdrawn: false, reason });
    }
  }
  return left;
}

async function withdrawOne(client: ExchangeClient, code: string): Promise<Omit<LeftResource, 'code'>> {
  const current = await client.catalog.get(code);
  if (current.data.status === 'withdrawn') return { status: 'withdrawn', withdrawn: true };
  const answer = await client.catalog.withdraw(code, { reason: WITHDRAW_REASON }, { ifMatch: current.etag! });
  return { status: answer.data.status, withdrawn: answer.data.status === 'withdrawn' };
}
