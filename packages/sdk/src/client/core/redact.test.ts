import { describe, expect, it } from 'vitest';
import { isCredentialName, redactJson, redactText, redactUrl } from './redact';

describe('redactText', () => {
  it('cuts a secret only where it stands as a whole token', () => {
    expect(redactText('clientId client_id clients client (client) "client"', ['client'])).toBe(
      'clientId client_id clients [REDACTED] ([REDACTED]) "[REDACTED]"',
    );
  });

  it('cuts the secret in its percent-encoded, form-encoded and JSON-escaped forms', () => {
    const secret = 'a b"口';
    expect(
      redactText(
        `raw a b"口; url a%20b%22%E5%8F%A3; lower a%20b%22%e5%8f%a3; form a+b%22%E5%8F%A3; json a b\\"口`,
        [secret],
      ),
    ).toBe('raw [REDACTED]; url [REDACTED]; lower [REDACTED]; form [REDACTED]; json [REDACTED]');
  });

  it('treats an escape right before the secret as a boundary', () => {
    expect(redactText('note=my%20S3cret and line\\nS3cret', ['S3cret'])).toBe(
      'note=my%20[REDACTED] and line\\n[REDACTED]',
    );
  });

  it('cuts credential-shaped values it was not told about, and leaves prose alone', () => {
    expect(
      redactText(
        'client_secret=abc&x=1 {"x-signature":"c2lnbmF0dXJl","access_token":"t"} Authorization: Bearer eyJhbGciOi.x X-Signature: c2lnbmF0dXJlLXZhbHVl',
        [],
      ),
    ).toBe(
      'client_secret=[REDACTED]&x=1 {"x-signature":"[REDACTED]","access_token":"[REDACTED]"} Authorization: Bearer [REDACTED] X-Signature: [REDACTED]',
    );
    const prose =
      'Authorization: required; send a Bearer token; the client_secret field; X-Signature: missing';
    expect(redactText(prose, [])).toBe(prose);
  });

  it('ignores secrets that are not non-empty strings', () => {
    expect(redactText('nothing to cut', [undefined, '', 7])).toBe('nothing to cut');
  });
});

describe('redactJson', () => {
  it('redacts every string, credential-named members, and builds objects without a prototype', () => {
    const parsed = JSON.parse(
      '{"detail":"got S3cret","nested":[{"Authorization":"Bearer anything"}],"__proto__":{"x":1},"constructor":1}',
    );
    const clean = redactJson(parsed, ['S3cret']) as Record<string, unknown>;
    expect(Object.getPrototypeOf(clean)).toBe(null);
    expect(JSON.parse(JSON.stringify(clean))).toEqual({
      detail: 'got [REDACTED]',
      nested: [{ Authorization: '[REDACTED]' }],
    });
  });
});

describe('redactUrl', () => {
  it('hides credential-named query values and keeps the rest as sent', () => {
    const url = redactUrl('http://h/v1/x?limit=5&access_token=abc&client_secret=s3&sig=zz&q=a%20b');
    expect(url).toBe(
      'http://h/v1/x?limit=5&access_token=[REDACTED]&client_secret=[REDACTED]&sig=[REDACTED]&q=a%20b',
    );
  });

  it('cuts a known secret from the path and any query value', () => {
    expect(
      redactUrl('http://h/v1/codesets/S3cret-%E5%8F%A3?note=S3cret-%E5%8F%A3&x=S3cret-x', ['S3cret-口']),
    ).toBe('http://h/v1/codesets/[REDACTED]?note=[REDACTED]&x=S3cret-x');
  });

  it('returns URLs without secrets unchanged', () => {
    expect(redactUrl('http://h/v1/catalog/resources/a%2Fb?cursor=Mw&author=Li', ['client'])).toBe(
      'http://h/v1/catalog/resources/a%2Fb?cursor=Mw&author=Li',
    );
  });
});

describe('isCredentialName', () => {
  it('goes by words, not substrings', () => {
    const names = [
      'access_token',
      'accessToken',
      'client_secret',
      'X-Amz-Signature',
      'sig',
      'api_key',
      'key',
    ];
    expect(names.filter(isCredentialName)).toEqual(names);
    expect(
      ['author', 'tokenizer', 'secretary', 'filter[key]', 'keyword', 'cursor'].filter(isCredentialName),
    ).toEqual([]);
  });
});
