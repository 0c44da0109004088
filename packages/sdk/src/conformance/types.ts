import type { ExchangeClient } from '../client';
import type { CodeRange } from './code-range';
import type { ConformanceFixtures } from './fixtures/fixtures';

/** The roles a conformance run acts in; `providerB` also acts as a consumer. */
export type ConformanceRole = 'providerA' | 'providerB' | 'vendor' | 'authority';

export interface RoleCredentials {
  clientId: string;
  clientSecret: string;
}

export type ConformanceCredentials = Record<ConformanceRole, RoleCredentials>;

/** What a check is given: clients per role and raw HTTP for requests the client refuses to send. */
export interface CheckContext {
  baseUrl: string;
  client(role: ConformanceRole): ExchangeClient;
  credentials(role: ConformanceRole): RoleCredentials;
  /** Raw HTTP to the exchange; the operation id is recorded as reached. */
  raw(operationId: string, path: string, init?: RequestInit): Promise<Response>;
  /** Departments, fresh codes of the reserved range, entries filed and published for the checks. */
  fixtures: ConformanceFixtures;
}

/** A check passes by returning, skips by throwing CheckSkipped, fails by throwing anything else. */
export interface ConformanceCheck {
  id: string;
  title: { zh: string; en: string };
  /** The operationId(s) or spec section the check proves. */
  spec: string;
  run(context: CheckContext): Promise<void>;
}

export class CheckSkipped extends Error {
  override readonly name = 'CheckSkipped';
}

export interface CheckResult {
  id: string;
  title: { zh: string; en: string };
  spec: string;
  outcome: 'pass' | 'fail' | 'skip';
  reason?: string;
  ms: number;
}

/** An entry the run filed: whether it is withdrawn now, or why not. */
export interface LeftResource {
  code: string;
  status: string;
  withdrawn: boolean;
  reason?: string;
}

export interface ConformanceReport {
  baseUrl: string;
  codeRange: CodeRange;
  /** Why the run could not start (unreachable, bad credentials, wrong roles); no check ran. */
  couldNotRun?: string;
  results: CheckResult[];
  /** Every entry the run filed, withdrawn at the end unless the withdrawal failed (then `reason`). */
  created: LeftResource[];
  /** Operation ids of the spec no check reached. */
  unreached: string[];
  passed: number;
  failed: number;
  skipped: number;
}
