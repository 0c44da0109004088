import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHmacSigner, sha256Hex, stringToSign } from './hmac';

// The reference is the API outline's wording, computed with node:crypto, independent of Web Crypto.
function referenceSignature(secret: string, fields: string[], body: string): string {
  const text = [...fields, createHash('sha256').update(body, 'utf8').digest('hex')].join('\n');
  return createHmac('sha256', secret).update(text, 'utf8').digest('base64');
}

describe('HMAC request signing', () => {
  it('hashes the empty body as the SHA-256 of the empty string', async () => {
    expect(await sha256Hex(undefined)).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(await sha256Hex('')).toBe(await sha256Hex(new Uint8Array()));
  });

  it('joins client id, timestamp, nonce, METHOD, path with query and body hash with newlines', async () => {
    const text = await stringToSign({
      clientId: 'dept-001',
      timestamp: '1764115200000',
      nonce: 'n0nce-n0nce-n0nce',
      method: 'post',
      pathWithQuery: '/v1/catalog/resources/307001030801%2F000012/records/batch',
      body: '{"upsert":[]}',
    });
    expect(text.split('\n')).toEqual([
      'dept-001',
      '1764115200000',
      'n0nce-n0nce-n0nce',
      'POST',
      '/v1/catalog/resources/307001030801%2F000012/records/batch',
      createHash('sha256').update('{"upsert":[]}').digest('hex'),
    ]);
  });

  it('produces the signature the reference algorithm produces, for Chinese bodies too', async () => {
    const sign = createHmacSigner('dept-001', 's3cret-密钥');
    const body = JSON.stringify({ upsert: [{ xm: '张三', xb: '1' }] });
    const headers = await sign({ method: 'POST', pathWithQuery: '/v1/x?limit=10', body }, 1764115200000);
    expect(headers['X-Client-Id']).toBe('dept-001');
    expect(headers['X-Timestamp']).toBe('1764115200000');
    expect(headers['X-Nonce'].length).toBeGreaterThanOrEqual(16);
    expect(headers['X-Signature']).toBe(
      referenceSignature(
        's3cret-密钥',
        ['dept-001', '1764115200000', headers['X-Nonce'], 'POST', '/v1/x?limit=10'],
        body,
      ),
    );
  });

  it('draws a fresh nonce for every signature, so a retried attempt is not a replay', async () => {
    const sign = createHmacSigner('dept-001', 'secret');
    const request = { method: 'GET', pathWithQuery: '/v1/me', body: undefined };
    const [a, b] = await Promise.all([sign(request), sign(request)]);
    expect(a['X-Nonce']).not.toBe(b['X-Nonce']);
    expect(a['X-Signature']).not.toBe(b['X-Signature']);
  });
});
