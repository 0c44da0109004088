import { createExchangeClient, type ExchangeClientOptions } from '../create-client';
import { type SpecServer, type SpecServerOptions, startSpecServer } from './spec-server';

/** Credentials the test server accepts. Tests search serialised errors for these strings. */
export const department = { clientId: 'dept-307001', clientSecret: 'S3cret-never-in-logs-口令' } as const;

/** A resource code with the "/" every catalogue code carries. */
export const resourceCode = '307001030801/000012';

export async function startServer(options: SpecServerOptions = {}): Promise<SpecServer> {
  return startSpecServer({ clients: { [department.clientId]: department.clientSecret }, ...options });
}

/** A client against the test server; fast retries so fault tests stay quick. */
export function clientFor(server: SpecServer, options: Partial<ExchangeClientOptions> = {}) {
  return createExchangeClient({
    baseUrl: server.url,
    auth: { type: 'clientCredentials', ...department },
    retry: { limit: 2, delay: 10 },
    timeout: 5_000,
    ...options,
  });
}
