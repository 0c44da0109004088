import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codePath, entryFor, startDemo, tokenFor } from '../sandbox/support/demo';
import { expectProblemResponse } from './support/problem-answer';

type Demo = Awaited<ReturnType<typeof startDemo>>;

const bodyLimit = 256 * 1024;

/** `levels` nested arrays around `inner`. */
function nested(levels: number, inner = ''): string {
  return `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;
}

describe('JSON bodies are bounded in depth and size before they are parsed (issue 12, finding 2)', () => {
  let sandbox: Demo;
  let token: string;
  beforeAll(async () => {
    sandbox = await startDemo({ bodyLimit });
    token = await tokenFor(sandbox.url, 'gongan');
  });
  afterAll(() => sandbox.close());

  const post = (path: string, body: string) =>
    fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });

  async function expectTooDeep(response: Response): Promise<void> {
    const problem = await expectProblemResponse(response, 400, 'request.too_deep');
    expect([problem.detail, problem.zh]).toEqual([
      'The JSON body has nesting deeper than 64 levels',
      'JSON 请求体嵌套层级超过 64 层',
    ]);
  }

  it('refuses 100,000 open brackets, balanced or not, and keeps serving', async () => {
    await expectTooDeep(await post('/v1/share-requests', '['.repeat(100_000)));
    await expectTooDeep(await post('/v1/share-requests', nested(100_000)));
    await expectTooDeep(
      // 40,000 levels of objects: 200 KB, within the body limit.
      await post('/v1/catalog/resources', `{"a":${'{"a":'.repeat(40_000)}1${'}'.repeat(40_001)}`),
    );
    const health = await fetch(`${sandbox.url}/v1/health`);
    expect(health.status).toBe(200);
  });

  it('survives the ~8 KB deeply nested entry that aborted the process, sent twice at once', async () => {
    const entry = JSON.stringify({ ...entryFor('gongan', 2), extra: 'HOLE' }).replace(
      '"HOLE"',
      nested(4000, '1'),
    );
    expect(entry.length).toBeGreaterThan(8000);
    const answers = await Promise.all([
      post('/v1/catalog/resources', entry),
      post('/v1/catalog/resources', entry),
    ]);
    for (const answer of answers) await expectTooDeep(answer);
    const lookup = await fetch(
      `${sandbox.url}/v1/catalog/resources/${codePath(entryFor('gongan', 2).code)}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(lookup.status).toBe(404);
  });

  it('counts only structure: 64 levels pass to the schema, 65 do not, brackets inside strings are text', async () => {
    const sixtyFour = await post(
      '/v1/share-requests',
      `{"resource":"307001030801/000001","purpose":"x","extra":${nested(63)}}`,
    );
    expect(
      ((await expectProblemResponse(sixtyFour, 400, 'request.invalid')).errors as unknown[]).length,
    ).toBe(1);
    await expectTooDeep(
      await post(
        '/v1/share-requests',
        `{"resource":"307001030801/000001","purpose":"x","extra":${nested(64)}}`,
      ),
    );
    const inString = await post(
      '/v1/share-requests',
      JSON.stringify({ resource: '307001030801/000001', purpose: `${'['.repeat(500)}"\\{` }),
    );
    await expectProblemResponse(inString, 404, 'resource.not_found');
  });

  it('refuses a body over the limit with 413 request.too_large naming the limit in bytes', async () => {
    const problem = await expectProblemResponse(
      await post('/v1/share-requests', `"${'a'.repeat(bodyLimit)}"`),
      413,
      'request.too_large',
    );
    expect([problem.detail, problem.zh]).toEqual([
      `The body is larger than ${bodyLimit} bytes`,
      `请求体超过 ${bodyLimit} 字节`,
    ]);
  });
});
