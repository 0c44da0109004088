import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../sandbox-state';
import type { OperationId } from './operation-table';

export interface OperationInput<Body = unknown> {
  request: FastifyRequest;
  reply: FastifyReply;
  /** The authenticated caller (operations without security get none). */
  caller: Caller;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: Body;
}

export interface OperationOutput {
  status: number;
  /** Validated against the contract's response schema, then serialised. */
  body?: unknown;
  /** Exact bytes to send instead of serialising `body` (batch answers, replayed verbatim); `body`, when also
   * given, is their parsed form, used for the contract check. */
  bytes?: string;
  headers?: Record<string, string>;
}

export type OperationHandler = (input: OperationInput) => OperationOutput | Promise<OperationOutput>;

export type OperationHandlers = Partial<Record<OperationId, OperationHandler>>;

declare module 'fastify' {
  interface FastifyRequest {
    /** What the audit log records about this request beyond its operation and status. */
    auditFacts?: { resource?: string; resourceProviderId?: string; detail?: Record<string, unknown> };
    caller?: Caller;
  }
}
