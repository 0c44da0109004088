import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSandbox, startSandbox } from '@unsilo/sandbox';
import { createExchangeClient, type ExchangeClient } from '@unsilo/sdk';
import { afterAll, beforeAll } from 'vitest';
import { credentialsOf, type DemoDepartment } from '../sandbox/support/demo';

/** Where an example runs in a test file: the sandbox, a temporary folder for its files, and the demo logins. */
export interface ExampleSandbox {
  readonly dir: string;
  readonly sandbox: RunningSandbox;
  /** A demo department's client as the examples make it (client credentials, the SDK's defaults otherwise). */
  client(department: DemoDepartment): ExchangeClient;
}

/**
 * The sandbox in memory with the demo departments that an example starts when no exchange is named, and a
 * temporary folder (named from `prefix`): made before the file's tests, stopped and removed after them, so
 * `dir` and `sandbox` are there in the tests and in `beforeAll` hooks registered after this call.
 */
export function exampleSandbox(prefix: string): ExampleSandbox {
  const state: { dir?: string; sandbox?: RunningSandbox } = {};
  beforeAll(async () => {
    state.dir = await mkdtemp(join(tmpdir(), prefix));
    state.sandbox = await startSandbox({ memory: true });
  });
  afterAll(async () => {
    await state.sandbox?.close();
    if (state.dir) await rm(state.dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return state.dir!;
    },
    get sandbox() {
      return state.sandbox!;
    },
    client(department) {
      const { clientId, clientSecret } = credentialsOf(department);
      return createExchangeClient({
        baseUrl: state.sandbox!.url,
        auth: { type: 'clientCredentials', clientId, clientSecret },
      });
    },
  };
}
