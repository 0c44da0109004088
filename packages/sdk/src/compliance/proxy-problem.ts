import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Problem } from '../generated/index';

/** The proxy's own refusals, as RFC 9457 problems in the contract's shape (code, zh, requestId). */
export function sendProblem(
  res: ServerResponse,
  problem: { status: number; code: string; title: string; zh: string; detail: string },
  requestId?: string,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body: Problem = {
    type: `urn:unsilo:problem:${problem.code}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    zh: problem.zh,
    requestId: requestId && requestId.length <= 128 ? requestId : randomUUID(),
  };
  const text = JSON.stringify(body);
  res.writeHead(problem.status, {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-request-id': body.requestId,
    // The request body may not have been read to its end: the connection cannot carry another request.
    connection: 'close',
  });
  res.end(text);
}
