import { type Agent, request } from 'node:http';

export interface Answer {
  status: number;
  text: string;
}

export type Send = (
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
) => Promise<Answer>;

/** A minimal HTTP client over `agent` (keep-alive sockets of its own), for load generators. */
export function createSender(agent: Agent): Send {
  return (url, method, path, headers, body) =>
    new Promise((resolve, reject) => {
      const req = request(
        new URL(path, url),
        {
          method,
          agent,
          headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}
