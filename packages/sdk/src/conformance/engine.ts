import { createExchangeClient, type ExchangeClient } from '../client';
import { operationIds } from '../generated/operations';
import { conformanceChecks } from './checks';
import { withdrawCreated } from './cleanup';
import { type CodeRange, DEFAULT_CODE_RANGE, parseCodeRange } from './code-range';
import { ConformanceFixtures } from './fixtures/fixtures';
import { preflight } from './preflight';
import {
  type CheckContext,
  type CheckResult,
  CheckSkipped,
  type ConformanceCheck,
  type ConformanceCredentials,
  type ConformanceReport,
  type ConformanceRole,
} from './types';

export interface ConformanceOptions {
  baseUrl: string;
  credentials: ConformanceCredentials;
  /** The resource codes the run may file (default {@link DEFAULT_CODE_RANGE}). */
  codeRange?: CodeRange;
  checks?: readonly ConformanceCheck[];
  /** Called after each check, for progress output. */
  onResult?: (result: CheckResult) => void;
}

function createContext(options: ConformanceOptions, reached: Set<string>, range: CodeRange): CheckContext {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const clients = new Map<ConformanceRole, ExchangeClient>();
  const client = (role: ConformanceRole): ExchangeClient => {
    let found = clients.get(role);
    if (!found) {
      found = createExchangeClient({
        baseUrl,
        auth: { type: 'clientCredentials', ...options.credentials[role] },
        retry: false,
        // Every answer is checked against the contract's generated schemas.
        validateResponses: true,
        onRequest: (event) => reached.add(event.operationId),
      });
      clients.set(role, found);
    }
    return found;
  };
  return {
    baseUrl,
    credentials: (role) => options.credentials[role],
    client,
    raw(operationId, path, init) {
      reached.add(operationId);
      return fetch(`${baseUrl}${path}`, init);
    },
    fixtures: new ConformanceFixtures(client, range),
  };
}

/** A failure's text, with no secret of the run in it. */
function reasonOf(error: unknown, secrets: readonly string[]): string {
  let text = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) text = text.split(secret).join('***');
  return text;
}

async function runCheck(
  check: ConformanceCheck,
  context: CheckContext,
  secrets: readonly string[],
): Promise<CheckResult> {
  const started = Date.now();
  const base = { id: check.id, title: check.title, spec: check.spec };
  try {
    await check.run(context);
    return { ...base, outcome: 'pass', ms: Date.now() - started };
  } catch (error) {
    const outcome = error instanceof CheckSkipped ? 'skip' : 'fail';
    return { ...base, outcome, reason: reasonOf(error, secrets), ms: Date.now() - started };
  }
}

/**
 * Checks that the credentials work, runs the checks in order (each passes, fails or skips with a reason), then
 * withdraws every entry the run filed and lists them.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const reached = new Set<string>();
  const codeRange = options.codeRange ?? parseCodeRange(DEFAULT_CODE_RANGE);
  const context = createContext(options, reached, codeRange);
  const secrets = Object.values(options.credentials).map((c) => c.clientSecret);
  const results: CheckResult[] = [];
  const couldNotRun = await preflight(context.client);
  if (couldNotRun === undefined) {
    for (const check of options.checks ?? conformanceChecks) {
      const result = await runCheck(check, context, secrets);
      results.push(result);
      options.onResult?.(result);
    }
  }
  const created = await withdrawCreated(context.fixtures.created, context.client);
  const count = (outcome: CheckResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return {
    baseUrl: options.baseUrl,
    codeRange,
    ...(couldNotRun === undefined ? {} : { couldNotRun: reasonOf(couldNotRun, secrets) }),
    results,
    created,
    unreached: operationIds.filter((id) => !reached.has(id)),
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skip'),
  };
}
