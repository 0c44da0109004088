import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyReceipt } from '@unsilo/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { clientFor } from './support/client';
import { codePath, entryFor, publishEntry, recordsFor, tokenFor } from './support/demo';

const script = fileURLToPath(new URL('./support/sandbox-process.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'unsilo-crash-'));
const dataFile = join(dir, 'sandbox.db');
let child: ChildProcess | undefined;

/** Starts the exchange in a child process on the data file and waits for its URL. */
function startChild(): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, dataFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let out = '';
    let err = '';
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve((JSON.parse(line) as { url: string }).url);
    });
    proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    proc.on('exit', (code) => reject(new Error(`sandbox exited (${code}): ${err}`)));
  });
}

/** SIGKILLs one exchange process (by default the current one); a late timer never hits its successor. */
function kill(proc: ChildProcess | undefined = child): Promise<void> {
  if (proc === child) child = undefined;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

type KillMoment = 'mid-upload' | number | 'on-answer';

/**
 * Sends a batch and SIGKILLs the exchange: half-way through the upload, `n` ms after the body left (while it
 * parses, checks or commits), or as soon as its answer starts arriving (the batch must then be there).
 */
function sendAndKill(
  url: string,
  token: string,
  code: string,
  key: string,
  body: string,
  killAt: KillMoment,
) {
  const target = new URL(`${url}/v1/catalog/resources/${codePath(code)}/records/batch`);
  let sentAt = 0;
  const victim = child;
  const killIt = () => kill(victim);
  /** Resolves with the ms between the end of the upload and the answer (0 when killed before it). */
  return new Promise<number>((finish) => {
    let answeredAfter = 0;
    const resolve = () => finish(answeredAfter);
    const req = request(target, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'idempotency-key': key,
      },
    });
    req.on('error', () => void killIt().then(() => resolve()));
    req.on('response', (response) => {
      answeredAfter = performance.now() - sentAt;
      response.resume();
      if (killAt === 'on-answer') void killIt().then(() => resolve());
      // An answer that beat the kill moment: the batch is committed; kill now all the same.
      response.on('end', () => void killIt().then(() => resolve()));
      response.on('error', () => void killIt().then(() => resolve()));
    });
    if (killAt === 'mid-upload') {
      req.write(body.slice(0, body.length / 2));
      setTimeout(() => void killIt().then(() => resolve()), 50);
    } else if (killAt === 'on-answer') {
      req.end(body, () => {
        sentAt = performance.now();
      });
    } else {
      req.end(body, () => setTimeout(() => void killIt().then(() => resolve()), killAt));
    }
  });
}

describe('crash safety: SIGKILL in the middle of a 5,000-record batch', () => {
  afterAll(async () => {
    await kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves each batch wholly there or wholly absent, and replaying its key gives exactly-once results', async () => {
    let url = await startChild();
    const gongan = clientFor(url, 'gongan');
    // First a batch killed as its answer arrives (it must be there), which also measures how long the exchange
    // takes with it; then kills half-way through the upload, at once, and at 50 % and 90 % of that time, which
    // land while the batch is parsed, checked or committed.
    const trials: KillMoment[] = ['on-answer', 'mid-upload', 0, 0.5, 0.9];
    const codes: string[] = [];
    for (const [i] of trials.entries()) {
      const entry = entryFor('gongan', 500 + i);
      await publishEntry(gongan, entry);
      codes.push(entry.code);
    }
    const keys = (await gongan.receiptKeys()).data;

    const outcomes: string[] = [];
    let answerMs = 0;
    for (const [i, moment] of trials.entries()) {
      const killAfter = typeof moment === 'number' && moment > 0 ? Math.round(moment * answerMs) : moment;
      const code = codes[i]!;
      const key = `crash-trial-${i}`;
      const records = recordsFor(5000, `T${i}-`);
      const body = JSON.stringify({ upsert: records });
      const answeredAfter = await sendAndKill(url, await tokenFor(url, 'gongan'), code, key, body, killAfter);
      if (moment === 'on-answer') answerMs = answeredAfter;
      expect(child).toBeUndefined();

      url = await startChild();
      const client = clientFor(url, 'gongan');
      const after = (await client.quality.get(code)).data.records;
      expect([0, 5000], `trial ${i} (kill ${killAfter}) left ${after} records`).toContain(after);
      if (killAfter === 'mid-upload') expect(after).toBe(0);
      if (killAfter === 'on-answer') expect(after).toBe(5000);
      outcomes.push(
        `${typeof killAfter === 'number' ? `${killAfter} ms` : killAfter}: ${after === 0 ? 'absent' : 'present'}`,
      );

      // Replaying with the same key: applied exactly once either way.
      const replay = await client.records.batch(code, { upsert: records }, { idempotencyKey: key });
      expect(replay.replayed).toBe(after === 5000);
      expect(replay.data).toMatchObject({ accepted: 5000, rejected: 0 });
      expect(await verifyReceipt(replay.data.receipt, keys)).toMatchObject({ valid: true });
      const again = await client.records.batch(code, { upsert: records }, { idempotencyKey: key });
      expect(again.replayed).toBe(true);
      expect(again.data).toEqual(replay.data);
      expect((await client.quality.get(code)).data.records).toBe(5000);
      let changes = 0;
      for await (const page of client.records.changes(code, { limit: 1000 }).pages())
        changes += page.items.length;
      expect(changes).toBe(5000);
    }
    // The receipts signed before the restarts still verify after them: the key lives in the database.
    expect((await clientFor(url, 'gongan').receiptKeys()).data).toEqual(keys);
    console.log(`crash trials: ${outcomes.join(', ')}`);
  }, 240_000);
});
