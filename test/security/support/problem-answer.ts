import { expect } from 'vitest';
import type { RawAnswer } from './raw-http';

/** The answer is an RFC 9457 problem of this status and code, with a Chinese text and its request id. */
export function expectProblemAnswer(
  answer: { status: number; contentType: string | null | undefined; text: string },
  status: number,
  code: string,
): Record<string, unknown> {
  const body = JSON.parse(answer.text) as Record<string, unknown>;
  expect({
    status: answer.status,
    contentType: answer.contentType,
    code: body.code,
    bodyStatus: body.status,
    type: body.type,
  }).toEqual({
    status,
    contentType: 'application/problem+json; charset=utf-8',
    code,
    bodyStatus: status,
    type: `urn:unsilo:problem:${code}`,
  });
  expect(typeof body.zh === 'string' && body.zh.length > 0, 'a Chinese text').toBe(true);
  expect(typeof body.requestId === 'string' && body.requestId.length > 0, 'a request id').toBe(true);
  return body;
}

/** `expectProblemAnswer` for a `fetch` response. */
export async function expectProblemResponse(
  response: Response,
  status: number,
  code: string,
): Promise<Record<string, unknown>> {
  return expectProblemAnswer(
    {
      status: response.status,
      contentType: response.headers.get('content-type'),
      text: await response.text(),
    },
    status,
    code,
  );
}

/** `expectProblemAnswer` for a raw answer. */
export function expectRawProblem(answer: RawAnswer, status: number, code: string): Record<string, unknown> {
  return expectProblemAnswer(
    { status: answer.status, contentType: answer.headers['content-type'], text: answer.text },
    status,
    code,
  );
}
