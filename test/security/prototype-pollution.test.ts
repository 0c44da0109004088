import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codePath, credentialsOf, entryFor, startDemo, tokenFor } from '../sandbox/support/demo';
import { expectProblemResponse } from './support/problem-answer';

type Demo = Awaited<ReturnType<typeof startDemo>>;

const prototypeKeysBefore = Object.getOwnPropertyNames(Object.prototype);

/** Undoes any pollution a failing run left, so that one failure does not poison the other tests. */
function unpollute(): string[] {
  const added = Object.getOwnPropertyNames(Object.prototype).filter(
    (key) => !prototypeKeysBefore.includes(key),
  );
  for (const key of added) delete (Object.prototype as Record<string, unknown>)[key];
  return added;
}

describe('no request pollutes Object.prototype (issue 12, finding 1)', () => {
  let sandbox: Demo;
  let vendorToken: string;
  let gonganToken: string;
  beforeAll(async () => {
    sandbox = await startDemo();
    vendorToken = await tokenFor(sandbox.url, 'vendor-demo');
    gonganToken = await tokenFor(sandbox.url, 'gongan');
  });
  afterAll(() => sandbox.close());
  afterEach(() => {
    unpollute();
  });

  it('refuses __proto__[authorization] in an unauthenticated query, and a request without credentials stays anonymous', async () => {
    const polluting = await fetch(
      `${sandbox.url}/v1/health?__proto__[authorization]=${encodeURIComponent(`Bearer ${vendorToken}`)}`,
    );
    const problem = await expectProblemResponse(polluting, 400, 'request.invalid');
    expect(problem.errors).toEqual([
      {
        field: 'query.__proto__[authorization]',
        rule: 'forbidden_key',
        message: 'a parameter name may not contain __proto__, constructor or prototype',
        zh: '参数名不得包含 __proto__、constructor 或 prototype',
      },
    ]);
    expect(unpollute()).toEqual([]);
    await expectProblemResponse(await fetch(`${sandbox.url}/v1/me`), 401, 'auth.missing_credentials');
  });

  it('refuses every spelling of a prototype key in a query, on every route', async () => {
    const queries = [
      '__proto__[authorization]=x',
      '__proto__.authorization=x',
      'constructor[prototype][authorization]=x',
      '%5F%5Fproto%5F%5F%5Bauthorization%5D=x',
      'filter[__proto__]=x',
      'filter[constructor]=x',
      'prototype=x',
      'limit=5&__proto__=x',
    ];
    const paths = [
      '/v1/health',
      '/v1/me',
      `/v1/catalog/resources/${codePath('307001030801/000001')}/records`,
    ];
    const answers: string[] = [];
    for (const path of paths)
      for (const query of queries) {
        const response = await fetch(`${sandbox.url}${path}?${query}`, {
          headers: { authorization: `Bearer ${gonganToken}` },
        });
        answers.push(`${response.status} ${((await response.json()) as { code: string }).code}`);
      }
    expect(answers).toEqual(Array(paths.length * queries.length).fill('400 request.invalid'));
    expect(unpollute()).toEqual([]);
  });

  it('refuses prototype keys in form bodies and anywhere in JSON bodies', async () => {
    const { clientId, clientSecret } = credentialsOf('gongan');
    const form = await fetch(`${sandbox.url}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}&__proto__=x`,
    });
    await expectProblemResponse(form, 400, 'request.invalid');

    const entry = entryFor('gongan', 1);
    const bodies = [
      JSON.stringify({ ...entry, constructor: { name: 'x' } }),
      JSON.stringify({ ...entry, share: { ...entry.share, prototype: 1 } }),
      JSON.stringify(entry).replace('"apiVersion"', '"\\u005f_proto__":{"admin":true},"apiVersion"'),
    ];
    for (const body of bodies) {
      const response = await fetch(`${sandbox.url}/v1/catalog/resources`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gonganToken}`, 'content-type': 'application/json' },
        body,
      });
      await expectProblemResponse(response, 400, 'request.invalid');
    }
    const lookup = await fetch(`${sandbox.url}/v1/catalog/resources/${codePath(entry.code)}`, {
      headers: { authorization: `Bearer ${gonganToken}` },
    });
    expect(lookup.status).toBe(404);
    expect(unpollute()).toEqual([]);
  });

  it('reads credentials only from headers the request sent, never from inherited properties', async () => {
    // Pollution from elsewhere in the process (a dependency, another bug) must not authenticate anyone.
    (Object.prototype as Record<string, unknown>).authorization = `Bearer ${vendorToken}`;
    (Object.prototype as Record<string, unknown>)['x-signature'] = 'x';
    try {
      await expectProblemResponse(await fetch(`${sandbox.url}/v1/me`), 401, 'auth.missing_credentials');
    } finally {
      unpollute();
    }
  });
});
