import { toBase64, toBase64Url, toHex } from '../encoding';

/** The four headers of the `hmacSignature` security scheme. */
export interface HmacHeaders {
  'X-Client-Id': string;
  'X-Timestamp': string;
  'X-Nonce': string;
  'X-Signature': string;
}

export interface SignatureInput {
  clientId: string;
  /** Milliseconds since the epoch, as a decimal string. */
  timestamp: string;
  nonce: string;
  method: string;
  /** Path and query exactly as sent, e.g. `/v1/catalog/resources?limit=10`. */
  pathWithQuery: string;
  /** The body bytes (or its UTF-8 text); empty for no body. */
  body: string | Uint8Array | undefined;
}

const encoder = new TextEncoder();

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (!api)
    throw new Error(
      'Web Crypto (crypto.subtle) is not available in this runtime (当前运行环境不支持 Web Crypto)',
    );
  return api;
}

export async function sha256Hex(body: string | Uint8Array | undefined): Promise<string> {
  const bytes = typeof body === 'string' ? encoder.encode(body) : (body ?? new Uint8Array());
  return toHex(await subtle().digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/** The exact text that is signed: the six fields joined by "\n". */
export async function stringToSign(input: SignatureInput): Promise<string> {
  return [
    input.clientId,
    input.timestamp,
    input.nonce,
    input.method.toUpperCase(),
    input.pathWithQuery,
    await sha256Hex(input.body),
  ].join('\n');
}

export function importHmacKey(clientSecret: string): Promise<CryptoKey> {
  return subtle().importKey('raw', encoder.encode(clientSecret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

/** base64(HMAC-SHA256(secret, stringToSign)). */
export async function computeSignature(key: CryptoKey, input: SignatureInput): Promise<string> {
  const signature = await subtle().sign('HMAC', key, encoder.encode(await stringToSign(input)));
  return toBase64(signature);
}

export function createNonce(): string {
  return toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(18)));
}

/**
 * Signs requests for one client. The key is imported once; every call draws a fresh nonce and
 * timestamp, because the exchange accepts a nonce only once (so a retried attempt must be re-signed).
 */
export function createHmacSigner(clientId: string, clientSecret: string) {
  let key: Promise<CryptoKey> | undefined;
  return async (
    request: Pick<SignatureInput, 'method' | 'pathWithQuery' | 'body'>,
    now: number = Date.now(),
  ): Promise<HmacHeaders> => {
    key ??= importHmacKey(clientSecret);
    const timestamp = String(now);
    const nonce = createNonce();
    const signature = await computeSignature(await key, { clientId, timestamp, nonce, ...request });
    return { 'X-Client-Id': clientId, 'X-Timestamp': timestamp, 'X-Nonce': nonce, 'X-Signature': signature };
  };
}
