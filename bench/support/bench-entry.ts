import type { Send } from './http';

const code = '307001030801/000001';

/** The benchmark's catalogue entry: three items, keyed by 编号. */
const entry = {
  apiVersion: 'unsilo/v1',
  kind: 'InformationResource',
  code,
  name: '人员登记信息',
  provider: { name: '某市公安局', code: '11330100MB0000019K' },
  classification: { class: 'department', topic: '人口' },
  summary: '某市公安局在履职过程中登记的人员基本信息，按日更新。',
  format: { class: 'database', type: 'oracle' },
  items: [
    { name: '编号', key: 'bh', type: 'C', length: 20 },
    { name: '姓名', key: 'xm', type: 'C', length: 50 },
    { name: '年龄', key: 'nl', type: 'N', length: 3 },
  ],
  key: ['bh'],
  share: { type: 'unconditional', method: { class: 'platform', type: 'api' } },
  open: { type: 'none' },
  updateCycle: 'daily',
  publishedAt: '2019-05-10',
};

export interface BenchEntry {
  auth: Record<string, string>;
  resourcePath: string;
  batchPath: string;
}

/**
 * 公安's token on a self-approving sandbox, and the benchmark entry created and walked to published (records go to
 * published entries only).
 */
export async function publishBenchEntry(send: Send, url: string): Promise<BenchEntry> {
  const token = await send(
    url,
    'POST',
    '/v1/oauth/token',
    { 'content-type': 'application/x-www-form-urlencoded' },
    'grant_type=client_credentials&client_id=gongan-demo&client_secret=gongan-demo-secret-2f9c1e7a',
  );
  const auth = {
    authorization: `Bearer ${(JSON.parse(token.text) as { access_token: string }).access_token}`,
  };
  const created = await send(
    url,
    'POST',
    '/v1/catalog/resources',
    { ...auth, 'content-type': 'application/json' },
    JSON.stringify(entry),
  );
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
  const resourcePath = `/v1/catalog/resources/${encodeURIComponent(code)}`;
  for (const step of ['submit', 'register', 'publish']) {
    const answer = await send(url, 'POST', `${resourcePath}/${step}`, { ...auth, 'if-match': '*' });
    if (answer.status !== 200) throw new Error(`${step}: ${answer.status} ${answer.text.slice(0, 200)}`);
  }
  return { auth, resourcePath, batchPath: `${resourcePath}/records/batch` };
}
