import { type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import { createExchangeClient, type ExchangeClient } from '@unsilo/sdk';
import { publishCatalog } from '@unsilo/sdk/publish';
import type { DataRecord } from '@unsilo/sdk/schemas';
import { catalogDir, minzheng, RESOURCE } from '../../sync/support';

export { RESOURCE };

/** The demo seed's public public-security credentials: a consumer with no approved request for 民政's data. */
const gongan = { clientId: 'gongan-demo', clientSecret: 'gongan-demo-secret-2f9c1e7a' };

/** The environment the CLI reads to call the exchange at `url` as 民政 (the provider) or 公安 (a consumer). */
export function envAs(url: string, who: 'minzheng' | 'gongan'): NodeJS.ProcessEnv {
  const credentials = who === 'minzheng' ? minzheng : gongan;
  return {
    UNSILO_EXCHANGE_URL: url,
    UNSILO_CLIENT_ID: credentials.clientId,
    UNSILO_CLIENT_SECRET: credentials.clientSecret,
  };
}

/** A 公民身份号码 with its GB 11643 check character. */
export function idNumber(region: string, birth: string, sequence: string): string {
  const body = `${region}${birth}${sequence}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

export function person(birth: string, sequence: string, fields: Partial<DataRecord> = {}): DataRecord {
  return {
    gmsfhm: idNumber('330102', birth, sequence),
    xm: '王伟',
    xb: '1',
    csrq: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
    mz: '01',
    hjdq: '330102',
    jzlb: '低保',
    gxsj: '2024-05-01T08:00:00+08:00',
    ...fields,
  };
}

/** The provider's records: Chinese text, a value needing CSV quotes, one a spreadsheet would run as a formula. */
export const providerRecords: DataRecord[] = [
  person('19400101', '001', { xm: '张三丰', jzlb: '低保' }),
  person('19420924', '002', { xm: '李四', xb: '2', jzlb: '特困,"分散"' }),
  person('19450617', '003', { xm: '欧阳娜娜', xb: '2', jzlb: '=1+1' }),
  person('19480310', '004', { xm: '赵六', jzlb: '临时救助' }),
];

/** A sandbox with 民政's conditional population resource published and `records` pushed by 民政. */
export async function sandboxWithRecords(
  records: DataRecord[] = providerRecords,
): Promise<{ sandbox: RunningSandbox; provider: ExchangeClient }> {
  const sandbox = await startSandbox({ memory: true, selfApprove: true });
  const provider = createExchangeClient({
    baseUrl: sandbox.url,
    auth: { type: 'clientCredentials', ...minzheng },
  });
  const published = await publishCatalog({ dir: catalogDir, client: provider });
  if (published.failures.length > 0) throw new Error(JSON.stringify(published.failures));
  const pushed = await provider.records.batch(RESOURCE, { upsert: records });
  if (pushed.data.rejected > 0) throw new Error(JSON.stringify(pushed.data.results));
  return { sandbox, provider };
}

/** Rows of RFC 4180 CSV text (quoted fields, doubled quotes, CRLF line ends). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += c;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

/** Records ordered by 公民身份号码, for comparing sets of records. */
export function byId<T extends { gmsfhm?: unknown }>(records: T[]): T[] {
  return [...records].sort((a, b) => String(a.gmsfhm).localeCompare(String(b.gmsfhm)));
}
