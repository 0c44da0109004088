import { createHash, createHmac, randomBytes } from 'node:crypto';
import { expectContractAnswer, expectEqual, expectProblemResponse } from '../assert';
import { conformanceRecords } from '../fixtures/entry';
import type { CheckContext, ConformanceCheck } from '../types';

/**
 * The `hmacSignature` scheme, computed here with node:crypto from the spec's text — independently of the SDK's
 * signer, so that a fault shared by the signer and an exchange cannot pass unseen.
 */
interface Signing {
  method: string;
  pathWithQuery: string;
  body?: string;
  /** Milliseconds since the epoch; now when absent. */
  timestamp?: number;
  nonce?: string;
  /** The key; providerA's client secret when absent. */
  secret?: string;
}

const FIVE_MINUTES_MS = 5 * 60 * 1000;
/** Twice the window: far outside it even where the exchange's clock and ours differ by minutes. */
const SKEW_MS = 2 * FIVE_MINUTES_MS;

/** The four headers that sign a request as providerA. */
function signedHeaders(context: CheckContext, signing: Signing): Record<string, string> {
  const { clientId, clientSecret } = context.credentials('providerA');
  const timestamp = String(signing.timestamp ?? Date.now());
  const nonce = signing.nonce ?? randomBytes(18).toString('base64url');
  const stringToSign = [
    clientId,
    timestamp,
    nonce,
    signing.method.toUpperCase(),
    signing.pathWithQuery,
    createHash('sha256')
      .update(signing.body ?? '')
      .digest('hex'),
  ].join('\n');
  const signature = createHmac('sha256', signing.secret ?? clientSecret)
    .update(stringToSign)
    .digest('base64');
  return { 'x-client-id': clientId, 'x-timestamp': timestamp, 'x-nonce': nonce, 'x-signature': signature };
}

/** A GET of getMe with these headers. */
const getMe = (context: CheckContext, headers: Record<string, string>) =>
  context.raw('getMe', '/v1/me', { headers });

async function expectSignatureRefused(response: Response, code: string, what: string): Promise<void> {
  expectEqual(await expectProblemResponse(response, 401, what), code, `${what} problem code`);
}

/** The path of the record batch of a resource. */
const batchPath = (code: string) => `/v1/catalog/resources/${encodeURIComponent(code)}/records/batch`;

/** A signed record batch to providerA's shared unconditional entry; `sentBody` replaces the signed one. */
async function signedBatch(
  context: CheckContext,
  prefix: string,
  sentBody?: string,
): Promise<{ response: Response; code: string }> {
  const { code } = await context.fixtures.published('unconditional');
  const body = JSON.stringify({ upsert: conformanceRecords(1, prefix) });
  const signed = signedHeaders(context, { method: 'POST', pathWithQuery: batchPath(code), body });
  const response = await context.raw('batchRecords', batchPath(code), {
    method: 'POST',
    headers: {
      ...signed,
      'content-type': 'application/json',
      'idempotency-key': `conformance-${randomBytes(12).toString('hex')}`,
    },
    body: sentBody ?? body,
  });
  return { response, code };
}

export const hmacChecks: ConformanceCheck[] = [
  {
    id: 'hmac/valid-signature',
    title: {
      zh: '正确的 HMAC 签名请求被接受并识别调用方',
      en: 'a correctly HMAC-signed request is accepted as its client',
    },
    spec: 'hmacSignature, getMe',
    async run(context) {
      const headers = signedHeaders(context, { method: 'GET', pathWithQuery: '/v1/me' });
      const me = (await expectContractAnswer(
        'getMe',
        await getMe(context, headers),
        200,
        'signed getMe',
      )) as {
        id: string;
      };
      expectEqual(me.id, (await context.fixtures.department('providerA')).id, 'the signed caller');
    },
  },
  {
    id: 'hmac/signed-body',
    title: {
      zh: '带请求体的签名请求（记录批次）被接受',
      en: 'a signed request with a body (a record batch) is accepted',
    },
    spec: 'hmacSignature, batchRecords',
    async run(context) {
      const { response } = await signedBatch(context, 'HB');
      const answer = (await expectContractAnswer('batchRecords', response, 200, 'signed batch')) as {
        results: { status: string }[];
      };
      expectEqual(
        answer.results.map((r) => r.status),
        ['accepted'],
        'the signed batch record',
      );
    },
  },
  {
    id: 'hmac/wrong-body',
    title: {
      zh: '请求体与签名不符被拒绝（401 auth.invalid_signature），且未写入',
      en: 'a body other than the signed one is refused (401 auth.invalid_signature) and not applied',
    },
    spec: 'hmacSignature, batchRecords',
    async run(context) {
      const altered = JSON.stringify({ upsert: conformanceRecords(1, 'HW') });
      const { response, code } = await signedBatch(context, 'HS', altered);
      await expectSignatureRefused(response, 'auth.invalid_signature', 'altered body');
      const stored = await context
        .client('providerA')
        .records.query(code, { filter: { bh: conformanceRecords(1, 'HW')[0]!.bh } })
        .toArray();
      expectEqual(stored.length, 0, 'records stored from the refused batch');
    },
  },
  {
    id: 'hmac/replayed-nonce',
    title: {
      zh: '重放同一随机数（X-Nonce）被拒绝（401 auth.nonce_reused）',
      en: 'a replayed nonce is refused (401 auth.nonce_reused)',
    },
    spec: 'hmacSignature, getMe',
    async run(context) {
      const headers = signedHeaders(context, { method: 'GET', pathWithQuery: '/v1/me' });
      await expectContractAnswer('getMe', await getMe(context, headers), 200, 'first use of the nonce');
      await expectSignatureRefused(await getMe(context, headers), 'auth.nonce_reused', 'replayed request');
    },
  },
  {
    id: 'hmac/clock-skew',
    title: {
      zh: '时间戳超出 ±5 分钟被拒绝（401 auth.timestamp_out_of_window）',
      en: 'a timestamp outside ±5 minutes is refused (401 auth.timestamp_out_of_window)',
    },
    spec: 'hmacSignature, getMe',
    async run(context) {
      for (const offset of [-SKEW_MS, SKEW_MS]) {
        const timestamp = Date.now() + offset;
        const headers = signedHeaders(context, { method: 'GET', pathWithQuery: '/v1/me', timestamp });
        const what = `timestamp ${offset / 60_000} min away`;
        await expectSignatureRefused(await getMe(context, headers), 'auth.timestamp_out_of_window', what);
      }
    },
  },
  {
    id: 'hmac/other-path',
    title: {
      zh: '为另一路径签名的请求被拒绝（401 auth.invalid_signature）',
      en: 'a signature made for another path is refused (401 auth.invalid_signature)',
    },
    spec: 'hmacSignature, listDepartments',
    async run(context) {
      const headers = signedHeaders(context, { method: 'GET', pathWithQuery: '/v1/me' });
      const response = await context.raw('listDepartments', '/v1/departments', { headers });
      await expectSignatureRefused(
        response,
        'auth.invalid_signature',
        'signature for /v1/me on /v1/departments',
      );
    },
  },
  {
    id: 'hmac/wrong-key',
    title: {
      zh: '用错误密钥签名或签名编码不规范被拒绝（401 auth.invalid_signature）',
      en: 'a signature with a wrong key, or not in padded standard base64, is refused (401 auth.invalid_signature)',
    },
    spec: 'hmacSignature, getMe',
    async run(context) {
      const wrongKey = signedHeaders(context, {
        method: 'GET',
        pathWithQuery: '/v1/me',
        secret: 'unsilo-conformance-wrong-key',
      });
      await expectSignatureRefused(await getMe(context, wrongKey), 'auth.invalid_signature', 'wrong key');
      // The right signature without its padding: the spec admits exactly the 44 characters of padded base64.
      const right = signedHeaders(context, { method: 'GET', pathWithQuery: '/v1/me' });
      const unpadded = { ...right, 'x-signature': right['x-signature']!.replace(/=+$/, '') };
      await expectSignatureRefused(
        await getMe(context, unpadded),
        'auth.invalid_signature',
        'unpadded base64',
      );
    },
  },
];
