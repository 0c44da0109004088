import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body as text (not decoded further). */
  text: string;
}

/**
 * Sends bytes exactly as given over a fresh TCP connection and reads one HTTP/1.1 answer: what `fetch` cannot
 * send (bad percent-encoding, oversized header blocks, broken request lines, invalid UTF-8). Resolves when the
 * answer is complete (by Content-Length) or the server closes; rejects after `deadlineMs` (a hang, not a timing).
 */
export function rawRequest(port: number, bytes: string | Buffer, deadlineMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      const answer = parseAnswer(Buffer.concat(chunks));
      if (!error && !answer) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (answer) resolve(answer);
      else reject(error);
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${deadlineMs} ms`)), deadlineMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      finish();
    });
    socket.on('end', () => finish(new Error('connection closed without an answer')));
    socket.on('close', () => finish(new Error('connection closed without an answer')));
    // The server may answer and close before it has read everything (431): a reset after the answer is fine.
    socket.on('error', (error) => finish(error));
    socket.write(bytes);
  });
}

/** One complete final answer in `bytes` (interim 1xx answers skipped), or undefined while it is still arriving. */
function parseAnswer(bytes: Buffer): RawAnswer | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  if (/^HTTP\/1\.[01] 1\d\d /.test(statusLine)) return parseAnswer(bytes.subarray(end + 4));
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = bytes.subarray(end + 4);
  const length = Number(headers['content-length'] ?? Number.NaN);
  if (!Number.isNaN(length) && body.length < length) return undefined;
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    text: body.toString('utf8', 0, Number.isNaN(length) ? body.length : length),
  };
}
