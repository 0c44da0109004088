import { createExchangeClient, type ExchangeClient } from '@unsilo/sdk';

/** The exchange an example runs against: its client, and `close` for the end (it stops a sandbox it started). */
export interface ExampleExchange {
  client: ExchangeClient;
  close: () => Promise<void>;
}

/**
 * Connects an example to the exchange UNSILO_EXCHANGE_URL names; without one it starts a sandbox in memory with
 * the demo departments (imported only then, so a run against a real exchange never loads it). It signs in as
 * UNSILO_CLIENT_ID with UNSILO_CLIENT_SECRET, each defaulting to `demo`, the department's login the sandbox seeds.
 * `announce: false` keeps the sandbox's address off the output.
 */
export async function connectExampleExchange(
  demo: { clientId: string; clientSecret: string },
  options: { announce?: boolean } = {},
): Promise<ExampleExchange> {
  let baseUrl = process.env.UNSILO_EXCHANGE_URL;
  let close = async () => {};
  if (!baseUrl) {
    const { startSandbox } = await import('@unsilo/sandbox');
    const sandbox = await startSandbox({ memory: true });
    baseUrl = sandbox.url;
    close = () => sandbox.close();
    if (options.announce !== false) console.log(`local sandbox at ${baseUrl}`);
  }
  const client = createExchangeClient({
    baseUrl,
    auth: {
      type: 'clientCredentials',
      clientId: process.env.UNSILO_CLIENT_ID ?? demo.clientId,
      clientSecret: process.env.UNSILO_CLIENT_SECRET ?? demo.clientSecret,
    },
  });
  return { client, close };
}
