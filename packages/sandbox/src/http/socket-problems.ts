import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { Problem } from '../problems/problem';
import { requestIdFor } from './request-id';

/** Largest request line plus headers Node's parser accepts (its default, set explicitly); beyond it, 431. */
export const maxHeaderBytes = 16 * 1024;

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before there is a request (a header block over
 * `maxHeaderBytes`, a broken request line, conflicting lengths, a timeout) is answered on the socket, as a problem
 * like every other refusal, and the connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // A response already under way on this connection cannot be followed by another one.
  const ongoing = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !ongoing?.headersSent) {
    const id = requestIdFor({});
    const { status, body } = problemBody(clientErrorProblem(error.code), id);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${id}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * The server's `checkExpectation` listener: an `Expect` other than `100-continue` is answered 417 as a problem
 * (Node would send an empty 417).
 */
export function answerExpectation(request: IncomingMessage, response: ServerResponse): void {
  const id = requestIdFor(request.headers);
  const { status, body } = problemBody(
    new Problem('request.expectation_failed', 'The exchange meets no expectation but 100-continue'),
    id,
  );
  response.writeHead(status, {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-request-id': id,
  });
  response.end(body);
}

function clientErrorProblem(code: string | undefined): Problem {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new Problem(
        'request.headers_too_large',
        `The request line and headers are larger than ${maxHeaderBytes} bytes`,
        { zh: `请求行与请求头超过 ${maxHeaderBytes} 字节` },
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new Problem('request.timeout', 'The request did not arrive in time');
    default:
      return new Problem('request.invalid', 'The request is not valid HTTP/1.1', {
        zh: '请求不是有效的 HTTP/1.1 报文',
      });
  }
}

/** A problem without `instance`: before parsing there is no request path to name. */
function problemBody(problem: Problem, requestId: string): { status: number; body: string } {
  const { instance: _none, ...body } = problem.toBody('', requestId);
  return { status: problem.status, body: JSON.stringify(body) };
}
