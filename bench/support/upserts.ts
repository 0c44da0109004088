import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Send } from './http';

/** Records per batch in the throughput figures. */
export const BATCH = 1000;

/** The `batch`-th batch of records, keys unique across batches. */
export function benchRecords(batch: number) {
  return Array.from({ length: BATCH }, (_, i) => ({
    bh: `B${String(batch).padStart(4, '0')}-${String(i).padStart(5, '0')}`,
    xm: `姓名${i}`,
    nl: 20 + (i % 60),
  }));
}

/**
 * CPU seconds processes have used (Linux /proc; undefined elsewhere). Loopback figures on a shared machine swing
 * with its load, so the benchmark also reports records per CPU-second of the server, which does not.
 */
export function cpuSecondsOf(pids: readonly (number | undefined)[]): number | undefined {
  let total = 0;
  for (const pid of pids) {
    const file = `/proc/${pid}/stat`;
    if (pid === undefined || !existsSync(file)) return undefined;
    const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
    total += (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  }
  return total;
}

/** The processes of PostgreSQL servers on this machine (its backends do the database's share of the work). */
export function postgresPids(): number[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);
}

export interface Throughput {
  perSecond: number;
  perCpuSecond: number | undefined;
}

/**
 * Durable upsert throughput: `batches` batches of 1,000 records after 4 warm-up batches, `inFlight` at a time,
 * sent to the instances in turn. CPU is that of `pids` (the servers) plus what `extraCpu` counts (the database).
 */
export async function upsertThroughput(
  send: Send,
  target: { urls: readonly string[]; path: string; headers: Record<string, string>; keyPrefix: string },
  load: { batches: number; inFlight: number },
  cpu: { pids: readonly (number | undefined)[]; extra?: () => number | undefined },
): Promise<Throughput> {
  const total = load.batches + 4;
  const bodies = Array.from({ length: total }, (_, b) => JSON.stringify({ upsert: benchRecords(b) }));
  const post = async (b: number) => {
    const url = target.urls[b % target.urls.length]!;
    const headers = {
      ...target.headers,
      'content-type': 'application/json',
      'idempotency-key': `${target.keyPrefix}-${b}`,
    };
    const answer = await send(url, 'POST', target.path, headers, bodies[b]);
    if (answer.status !== 200) throw new Error(`batch ${b}: ${answer.status} ${answer.text.slice(0, 200)}`);
  };
  for (let b = 0; b < 4; b++) await post(b); // warm-up
  let next = 4;
  const used = () => {
    const own = cpuSecondsOf(cpu.pids);
    const extra = cpu.extra ? cpu.extra() : 0;
    return own === undefined || extra === undefined ? undefined : own + extra;
  };
  const cpuBefore = used();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: load.inFlight }, async () => {
      while (next < total) await post(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = used();
  const cpuUsed = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  const count = load.batches * BATCH;
  return { perSecond: count / seconds, perCpuSecond: cpuUsed ? count / cpuUsed : undefined };
}
