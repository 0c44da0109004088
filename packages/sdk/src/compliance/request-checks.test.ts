import { describe, expect, it } from 'vitest';
import { ComplianceChecker } from './checker';
import type { ObservedRequest } from './observed';
import { isSecretLikeName } from './request-checks';
import { bearer, CODE, json, observed } from './test-fixtures';

/** The rule ids one request breaks, judged alone. */
function rulesOf(request: ObservedRequest): string[] {
  const checker = new ComplianceChecker();
  checker.observe(request);
  return checker.findings().map((f) => f.rule);
}

const batchUrl = `/v1/catalog/resources/${CODE}/records/batch`;
const batchBody = JSON.stringify({ upsert: [{ gmsfhm: '110101199003077777', xm: '张三' }] });

describe('contract/unknown-operation', () => {
  it('fires on a path the contract does not have, and is silent on one it has', () => {
    expect(rulesOf(observed('GET', '/v1/records'))).toEqual(['contract/unknown-operation']);
    expect(rulesOf(observed('GET', '/v1/health'))).toEqual([]);
  });
});

describe('contract/request-invalid', () => {
  it('fires on a query value off the schema, and is silent on a good one', () => {
    expect(rulesOf(observed('GET', '/v1/catalog/resources?limit=5000', { headers: bearer('t') }))).toEqual([
      'contract/request-invalid',
    ]);
    expect(rulesOf(observed('GET', '/v1/catalog/resources?limit=50&status=published'))).toEqual([]);
  });

  it('fires on a body with an unknown member, bad JSON, a missing body and a too-deep body', () => {
    const key = { ...json, 'idempotency-key': 'k1' };
    for (const body of ['{"upserts":[]}', '{"upsert": [', '', `${'['.repeat(100)}${']'.repeat(100)}`]) {
      expect(rulesOf(observed('POST', batchUrl, { headers: key, body }))).toEqual([
        'contract/request-invalid',
      ]);
    }
    expect(rulesOf(observed('POST', batchUrl, { headers: key, body: batchBody }))).toEqual([]);
  });

  it('fires on a missing If-Match header the contract requires', () => {
    const publish = `/v1/catalog/resources/${CODE}/publish`;
    expect(rulesOf(observed('POST', publish))).toEqual(['contract/request-invalid']);
    expect(rulesOf(observed('POST', publish, { headers: { 'if-match': '"v1"' } }))).toEqual([]);
  });

  it('reads the token request as a form', () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const good = 'grant_type=client_credentials&client_id=a&client_secret=b';
    expect(rulesOf(observed('POST', '/v1/oauth/token', { headers: form, body: good }))).toEqual([]);
    expect(
      rulesOf(
        observed('POST', '/v1/oauth/token', { headers: form, body: 'grant_type=password&client_id=a' }),
      ),
    ).toEqual(['contract/request-invalid']);
  });

  it('names the field but quotes no value', () => {
    const checker = new ComplianceChecker();
    checker.observe(observed('GET', '/v1/catalog/resources?status=secret-status-value'));
    const [finding] = checker.findings();
    expect(finding?.message.en).toContain('query.status');
    expect(JSON.stringify(finding)).not.toContain('secret-status-value');
  });
});

describe('idempotency/key-missing', () => {
  it('fires on a batch without an Idempotency-Key (and only that rule), silent with one', () => {
    expect(rulesOf(observed('POST', batchUrl, { headers: json, body: batchBody }))).toEqual([
      'idempotency/key-missing',
    ]);
    expect(
      rulesOf(observed('POST', batchUrl, { headers: { ...json, 'idempotency-key': '' }, body: batchBody })),
    ).toEqual(['idempotency/key-missing']);
  });

  it('is silent on a write the contract gives no key', () => {
    const share = JSON.stringify({
      resource: '307001030801/000012',
      purpose: '为市政务服务中心核验户籍信息',
    });
    expect(rulesOf(observed('POST', '/v1/share-requests', { headers: json, body: share }))).toEqual([]);
  });
});

describe('secrets/in-query', () => {
  it('fires on secret-like names, never quoting the value', () => {
    const checker = new ComplianceChecker();
    checker.observe(observed('GET', '/v1/health?Client-Secret=abc123&x=1'));
    const findings = checker.findings();
    expect(findings.map((f) => f.rule)).toEqual(['secrets/in-query']);
    expect(findings[0]?.message.en).toContain('Client-Secret');
    expect(JSON.stringify(findings)).not.toContain('abc123');
  });

  it('knows which names are secret-like', () => {
    for (const name of [
      'client_secret',
      'secret',
      'access_token',
      'token',
      'password',
      'signature',
      'my_token',
    ]) {
      expect(isSecretLikeName(name)).toBe(true);
    }
    for (const name of ['cursor', 'after', 'limit', 'tokens_used', 'q'])
      expect(isSecretLikeName(name)).toBe(false);
  });
});
