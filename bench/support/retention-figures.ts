// What erasing one data subject and compacting the change feed cost on the benchmark's resource (issue 19), each
// against a filtered records query over the same resource measured in the same run: all three read the whole
// resource once (the erasure through the feed's rows of the resource, the compaction through the whole feed, the
// query through the records), so the ratio says what each adds to a scan the exchange already serves.
import type { Send } from './http';

export interface RetentionFigures {
  /** Median ms of one erasure (three subjects, each a key of the resource). */
  eraseMs: number;
  /** Median ms of a compaction that finds nothing to remove (every version is newer than the window). */
  compactMs: number;
  /** Median ms of a records query with an equality filter on a non-key item (the baseline). */
  filteredQueryMs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(run: () => Promise<{ status: number; text: string }>, what: string): Promise<number> {
  const started = performance.now();
  const answer = await run();
  const ms = performance.now() - started;
  if (answer.status !== 200) throw new Error(`${what}: ${answer.status} ${answer.text.slice(0, 200)}`);
  return ms;
}

/** The authority's bearer header on the demo seed. */
async function authorityAuth(send: Send, url: string): Promise<Record<string, string>> {
  const token = await send(
    url,
    'POST',
    '/v1/oauth/token',
    { 'content-type': 'application/x-www-form-urlencoded' },
    'grant_type=client_credentials&client_id=dashuju-demo&client_secret=dashuju-demo-secret-4a8e2b6d',
  );
  return { authorization: `Bearer ${(JSON.parse(token.text) as { access_token: string }).access_token}` };
}

/**
 * Measures on a sandbox started with a retention window, after the upsert benchmark filled `resourcePath` (keys
 * `B<batch>-<index>`): three erasures of keys written by batches 10, 20 and 30, three compactions, three queries.
 */
export async function measureRetention(
  send: Send,
  url: string,
  resourcePath: string,
): Promise<RetentionFigures> {
  const auth = await authorityAuth(send, url);
  const json = { ...auth, 'content-type': 'application/json' };
  const code = decodeURIComponent(resourcePath.split('/').at(-1)!);
  const query = `${resourcePath}/records?${encodeURIComponent('filter[xm]')}=${encodeURIComponent('姓名999')}&limit=1000`;
  const filtered: number[] = [];
  const erased: number[] = [];
  const compacted: number[] = [];
  for (const batch of [10, 20, 30]) {
    filtered.push(await timed(() => send(url, 'GET', query, auth), 'filtered query'));
    const subject = `B${String(batch).padStart(4, '0')}-00500`;
    const body = JSON.stringify({ subject, reason: 'benchmark', resources: [code] });
    erased.push(await timed(() => send(url, 'POST', '/v1/erasures', json, body), 'erasure'));
    compacted.push(await timed(() => send(url, 'POST', '/v1/changes/compactions', auth), 'compaction'));
  }
  return { eraseMs: median(erased), compactMs: median(compacted), filteredQueryMs: median(filtered) };
}
