import { createExchangeClient, type ExchangeClient } from '../client';
import { operationIds } from '../generated/operations';
import { authChecks } from './checks/auth';
import { roleChecks } from './checks/roles';
import {
  type CheckContext,
  type CheckResult,
  CheckSkipped,
  type ConformanceCheck,
  type ConformanceCredentials,
  type ConformanceReport,
  type ConformanceRole,
} from './types';

/** Every check, in the order a run takes them. */
export const conformanceChecks: readonly ConformanceCheck[] = [...authChecks, ...roleChecks];

export interface ConformanceOptions {
  baseUrl: string;
  credentials: ConformanceCredentials;
  checks?: readonly ConformanceCheck[];
  /** Called after each check, for progress output. */
  onResult?: (result: CheckResult) => void;
}

function createContext(options: ConformanceOptions, reached: Set<string>): CheckContext {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const clients = new Map<ConformanceRole, ExchangeClient>();
  return {
    baseUrl,
    credentials: (role) => options.credentials[role],
    client(role) {
      let client = clients.get(role);
      if (!client) {
        client = createExchangeClient({
          baseUrl,
          auth: { type: 'clientCredentials', ...options.credentials[role] },
          retry: false,
          // Every answer is checked against the contract's generated schemas.
          validateResponses: true,
          onRequest: (event) => reached.add(event.operationId),
        });
        clients.set(role, client);
      }
      return client;
    },
    raw(operationId, path, init) {
      reached.add(operationId);
      return fetch(`${baseUrl}${path}`, init);
    },
  };
}

/** A failure's text, with no secret of the run in it. */
function reasonOf(error: unknown, secrets: readonly string[]): string {
  let text = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) text = text.split(secret).join('***');
  return text;
}

/** Runs the checks in order; each passes, fails or skips with a reason. */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const reached = new Set<string>();
  const context = createContext(options, reached);
  const secrets = Object.values(options.credentials).map((c) => c.clientSecret);
  const results: CheckResult[] = [];
  for (const check of options.checks ?? conformanceChecks) {
    const started = Date.now();
    const base = { id: check.id, title: check.title, spec: check.spec };
    let result: CheckResult;
    try {
      await check.run(context);
      result = { ...base, outcome: 'pass', ms: Date.now() - started };
    } catch (error) {
      const outcome = error instanceof CheckSkipped ? 'skip' : 'fail';
      result = { ...base, outcome, reason: reasonOf(error, secrets), ms: Date.now() - started };
    }
    results.push(result);
    options.onResult?.(result);
  }
  const count = (outcome: CheckResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return {
    baseUrl: options.baseUrl,
    results,
    unreached: operationIds.filter((id) => !reached.has(id)),
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skip'),
  };
}
