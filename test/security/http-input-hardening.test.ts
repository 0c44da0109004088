import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSeedFile, SeedError } from '@unsilo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../sandbox/support/client';
import { codePath, credentialsOf, entryFor, hmacHeaders, startDemo, tokenFor } from '../sandbox/support/demo';
import { expectProblemResponse } from './support/problem-answer';

type Demo = Awaited<ReturnType<typeof startDemo>>;

const bodyLimit = 64 * 1024;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the HTTP layer refuses hostile input early and exactly (issue 12, finding 11)', () => {
  let sandbox: Demo;
  let token: string;
  beforeAll(async () => {
    sandbox = await startDemo({ bodyLimit });
    token = await tokenFor(sandbox.url, 'gongan');
  });
  afterAll(() => sandbox.close());

  const json = { 'content-type': 'application/json' };
  const post = (path: string, body: string | Uint8Array, headers: Record<string, string>) =>
    fetch(`${sandbox.url}${path}`, { method: 'POST', headers, body: body as BodyInit });
  const lookup = (code: string) =>
    fetch(`${sandbox.url}/v1/catalog/resources/${codePath(code)}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  describe('credentials are checked before the body is read or parsed', () => {
    it('answers a forged bearer token 401 without reading a body over the limit', async () => {
      const big = `"${'a'.repeat(bodyLimit * 2)}"`;
      const forged = await post('/v1/catalog/resources', big, { ...json, authorization: 'Bearer forged' });
      await expectProblemResponse(forged, 401, 'auth.invalid_token');
      const none = await post('/v1/catalog/resources', '{"broken', json);
      await expectProblemResponse(none, 401, 'auth.missing_credentials');
    });

    it('checks an HMAC signature over the bytes before it parses them', async () => {
      const path = '/v1/catalog/resources';
      const broken = '{"broken';
      const wrong = hmacHeaders('gongan', 'POST', path, broken, { secret: 'not-the-secret-000000' });
      await expectProblemResponse(
        await post(path, broken, { ...json, ...wrong }),
        401,
        'auth.invalid_signature',
      );
      const deep = `${'['.repeat(1000)}${']'.repeat(1000)}`;
      const signed = hmacHeaders('gongan', 'POST', path, deep);
      await expectProblemResponse(await post(path, deep, { ...json, ...signed }), 400, 'request.too_deep');
    });
  });

  describe('bodies are UTF-8 or refused', () => {
    const entryBytes = (sequence: number, name: Uint8Array): Buffer => {
      const [before, after] = JSON.stringify({ ...entryFor('gongan', sequence), name: 'NAME' }).split('NAME');
      return Buffer.concat([Buffer.from(before!), name, Buffer.from(after!)]);
    };

    it('refuses invalid UTF-8 instead of storing U+FFFD', async () => {
      const body = entryBytes(11, Buffer.from([0xe5, 0x90, 0xff, 0x41]));
      const answer = await post('/v1/catalog/resources', body, { ...json, authorization: `Bearer ${token}` });
      const problem = await expectProblemResponse(answer, 400, 'request.invalid');
      expect(problem.detail).toBe('The body is not valid UTF-8');
      expect((await lookup(entryFor('gongan', 11).code)).status).toBe(404);
    });

    it('refuses a charset other than UTF-8 with 415, and accepts UTF-8 however it is spelled', async () => {
      const body = entryBytes(12, Buffer.from('公安登记', 'utf8'));
      const latin1 = await post('/v1/catalog/resources', body, {
        'content-type': 'application/json; charset=latin1',
        authorization: `Bearer ${token}`,
      });
      const problem = await expectProblemResponse(latin1, 415, 'request.unsupported_media_type');
      expect(problem.detail).toBe('Send the body in UTF-8 (charset=latin1 is not supported)');
      expect((await lookup(entryFor('gongan', 12).code)).status).toBe(404);
      const utf8 = await post('/v1/catalog/resources', body, {
        'content-type': 'application/json; charset="UTF-8"',
        authorization: `Bearer ${token}`,
      });
      expect(utf8.status).toBe(201);
    });

    it('refuses a form whose percent-encoding is not UTF-8', async () => {
      const { clientId } = credentialsOf('gongan');
      const answer = await post(
        '/v1/oauth/token',
        `grant_type=client_credentials&client_id=${clientId}&client_secret=%FF%FE`,
        { 'content-type': 'application/x-www-form-urlencoded' },
      );
      await expectProblemResponse(answer, 400, 'request.invalid');
    });
  });

  describe('X-Request-Id is echoed only when it is a plain id', () => {
    it('replaces an id outside 1..128 of [A-Za-z0-9._~:/+=@-] in the header, the problem and the audit log', async () => {
      const ok = await fetch(`${sandbox.url}/v1/me`, {
        headers: { authorization: `Bearer ${token}`, 'x-request-id': 'trace-0f8e7c1a:01' },
      });
      expect(ok.headers.get('x-request-id')).toBe('trace-0f8e7c1a:01');
      const hostile = ['<script>alert(1)</script>', 'a"b', 'x'.repeat(129), 'a b', 'a\\b'];
      for (const id of hostile) {
        const answer = await fetch(`${sandbox.url}/v1/me`, {
          headers: { authorization: 'Bearer forged', 'x-request-id': id },
        });
        const problem = await expectProblemResponse(answer, 401, 'auth.invalid_token');
        expect(String(problem.requestId)).toMatch(uuid);
        expect(answer.headers.get('x-request-id')).toBe(problem.requestId);
      }
      const seen = [];
      for await (const event of clientFor(sandbox.url, 'dashuju').audit.list({ limit: 1000 }))
        seen.push(event.requestId);
      expect(seen).toContain('trace-0f8e7c1a:01');
      expect(seen.filter((id) => hostile.includes(id))).toEqual([]);
    });
  });

  describe('X-Signature is canonical base64 of the 32-byte HMAC, nothing that merely decodes to it', () => {
    const path = '/v1/me';
    /** Signed headers whose signature has a "+" or "/" (about 3 in 4 do), so that its url-safe form differs. */
    const signedHeaders = (): Record<string, string> => {
      for (;;) {
        const headers = hmacHeaders('gongan', 'GET', path, '');
        if (/[+/]/.test(headers['x-signature']!)) return headers;
      }
    };
    const signed = (variant: (signature: string) => string) => {
      const headers = signedHeaders();
      return fetch(`${sandbox.url}${path}`, {
        headers: { ...headers, 'x-signature': variant(headers['x-signature']!) },
      });
    };
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

    it('accepts the signature as the SDK sends it', async () => {
      expect((await signed((s) => s)).status).toBe(200);
    });

    it('refuses unpadded, padded with junk, spaced, url-safe and non-canonical forms', async () => {
      const variants: Array<(s: string) => string> = [
        (s) => s.replace(/=$/, ''),
        (s) => `${s}==`,
        (s) => `${s.slice(0, 10)}!${s.slice(10)}`,
        (s) => `${s.slice(0, 10)} ${s.slice(10)}`,
        (s) => `${s.slice(0, 10)}.${s.slice(10)}`,
        (s) => s.replace(/\+/g, '-').replace(/\//g, '_'),
        // The last character before "=" carries 2 unused bits: setting them decodes to the same bytes.
        (s) => `${s.slice(0, 42)}${alphabet[alphabet.indexOf(s[42]!) ^ 1]}=`,
      ];
      const answers: string[] = [];
      for (const variant of variants) {
        const answer = await signed(variant);
        const body = (await answer.json()) as { code: string };
        answers.push(`${answer.status} ${body.code}`);
      }
      expect(answers).toEqual(Array(variants.length).fill('401 auth.invalid_signature'));
    });
  });

  describe('secrets never carry NUL', () => {
    it('refuses NUL in client_id or client_secret at the token endpoint before any hashing', async () => {
      const { clientId, clientSecret } = credentialsOf('gongan');
      for (const form of [
        `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}%00`,
        `grant_type=client_credentials&client_id=${clientId}%00&client_secret=${clientSecret}`,
      ]) {
        const answer = await post('/v1/oauth/token', form, {
          'content-type': 'application/x-www-form-urlencoded',
        });
        const problem = await expectProblemResponse(answer, 400, 'request.invalid');
        expect(problem.detail).toBe('A form field may not contain NUL characters');
      }
    });

    it('refuses a seed file whose client secret contains NUL', () => {
      const folder = mkdtempSync(join(tmpdir(), 'unsilo-seed-'));
      try {
        const file = join(folder, 'seed.yaml');
        writeFileSync(
          file,
          [
            'departments:',
            '  - id: gongan',
            '    name: 某市公安局',
            '    code: "11330100MB0000019K"',
            '    roles: [provider]',
            '    clients:',
            '      - { clientId: gongan-ci, clientSecret: "at-least-16-chars\\0tail" }',
          ].join('\n'),
        );
        expect(() => readSeedFile(file)).toThrow(SeedError);
        expect(() => readSeedFile(file)).toThrow(
          /departments\.0\.clients\.0\.clientSecret: a client secret may not contain NUL/,
        );
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });
});
