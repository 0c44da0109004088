// The exchange on PostgreSQL against the same exchange on SQLite, and two instances on one database against one
// (issue 18). A throwaway cluster (test/helpers/postgres.ts) on this machine; its server processes' CPU is counted
// with the sandbox's in "per server CPU-second", since on PostgreSQL the database does much of the work.

import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type RunningPostgres, startPostgres } from '../../test/helpers/postgres';
import { publishBenchEntry } from './bench-entry';
import type { Send } from './http';
import { cpuSecondsOf, postgresPids, type Throughput, upsertThroughput } from './upserts';

export interface Served {
  url: string;
  child: ChildProcess;
}

/** Starts a sandbox server process on `location` (a data file or a database URL) with these environment variables. */
export type Serve = (location: string, env: Record<string, string>) => Promise<Served>;

export interface PostgresFigures {
  one: Throughput;
  two: Throughput;
  /** Bytes on disk per stored record (feed, key index, batches and their indexes) after the one-instance run. */
  bytesPerRecord: number;
}

/** What the tables of records take on disk, per current record. */
async function bytesPerRecord(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string; records: string }>(
      `SELECT pg_total_relation_size('changes') + pg_total_relation_size('records')
         + pg_total_relation_size('batches') AS bytes, (SELECT count(*) FROM records) AS records`,
    );
    return Number(rows[0]!.bytes) / Number(rows[0]!.records);
  } finally {
    await client.end();
  }
}

/** Throughput of one instance, then of two on a fresh database taking batches in turn, same load in total. */
export async function measurePostgres(
  send: Send,
  serve: Serve,
  load: { batches: number; inFlight: number },
): Promise<PostgresFigures> {
  const cluster: RunningPostgres = await startPostgres();
  const env = { UNSILO_SEALING_KEY: randomBytes(32).toString('base64') };
  const children: ChildProcess[] = [];
  try {
    const measure = async (database: string, instances: number): Promise<Throughput> => {
      const url = cluster.createDatabase(database);
      const started: Served[] = [];
      for (let i = 0; i < instances; i++) started.push(await serve(url, env));
      children.push(...started.map((s) => s.child));
      const { auth, batchPath } = await publishBenchEntry(send, started[0]!.url);
      const pids = started.map((s) => s.child.pid);
      const result = await upsertThroughput(
        send,
        { urls: started.map((s) => s.url), path: batchPath, headers: auth, keyPrefix: database },
        // Twice the batches in flight with two instances: the same number per instance as with one.
        { batches: load.batches, inFlight: load.inFlight * instances },
        { pids, extra: () => cpuSecondsOf(postgresPids()) },
      );
      for (const s of started) s.child.kill('SIGTERM');
      return result;
    };
    const one = await measure('bench_one', 1);
    const size = await bytesPerRecord(`${cluster.url.slice(0, cluster.url.lastIndexOf('/'))}/bench_one`);
    return { one, two: await measure('bench_two', 2), bytesPerRecord: size };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    cluster.stop();
  }
}

const rate = (n: number) => Math.round(n).toLocaleString('en');

/** The figures: PostgreSQL against SQLite (same run, same load), two instances against one. */
export function postgresFigures(sqlite: Throughput, measured: PostgresFigures) {
  const { one, two } = measured;
  console.log('batch upsert on PostgreSQL (a local cluster, fsync on), same batches as on SQLite');
  console.log(
    `  one instance ${rate(one.perSecond)} records/s; two instances ${rate(two.perSecond)} records/s`,
  );
  const perCpu = (t: Throughput) => (t.perCpuSecond ? `${rate(t.perCpuSecond)} records/CPU-s` : 'n/a');
  console.log(`  per server CPU-second (sandbox + PostgreSQL): one ${perCpu(one)}, two ${perCpu(two)}`);
  console.log(
    `  on disk: ${Math.round(measured.bytesPerRecord)} bytes per record (feed, key index, batches)`,
  );
  return [
    {
      name: 'batch upsert throughput on PostgreSQL, one instance',
      value: Math.round(one.perSecond),
      unit: 'records/s',
      baseline: `the same sandbox on SQLite: ${rate(sqlite.perSecond)} records/s`,
      ratio: Number((one.perSecond / sqlite.perSecond).toFixed(3)),
      target: '≥ 30,000 records/s',
    },
    ...(one.perCpuSecond && sqlite.perCpuSecond
      ? [
          {
            name: 'batch upsert records per server CPU-second on PostgreSQL (sandbox + database processes)',
            value: Math.round(one.perCpuSecond),
            unit: 'records/CPU-s',
            baseline: `the sandbox on SQLite: ${rate(sqlite.perCpuSecond)} records/CPU-s`,
            ratio: Number((one.perCpuSecond / sqlite.perCpuSecond).toFixed(3)),
            target: 'report',
          },
        ]
      : []),
    {
      name: 'batch upsert throughput, two instances on one PostgreSQL database (same 2 cores)',
      value: Math.round(two.perSecond),
      unit: 'records/s',
      baseline: `one instance: ${rate(one.perSecond)} records/s`,
      ratio: Number((two.perSecond / one.perSecond).toFixed(3)),
      target: '≥ 0.9× (no collapse)',
    },
    ...(two.perCpuSecond && one.perCpuSecond
      ? [
          {
            name: 'records per server CPU-second, two instances on PostgreSQL',
            value: Math.round(two.perCpuSecond),
            unit: 'records/CPU-s',
            baseline: `one instance: ${rate(one.perCpuSecond)} records/CPU-s`,
            ratio: Number((two.perCpuSecond / one.perCpuSecond).toFixed(3)),
            target: 'report',
          },
        ]
      : []),
  ];
}
