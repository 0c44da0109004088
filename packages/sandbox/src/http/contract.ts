import type { OperationRoles } from '../access/roles';
import type { OperationId } from './operation-table';

export interface ContractRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** OpenAPI path template, e.g. `/v1/catalog/resources/{code}`. */
  path: string;
  /** True when the operation declares `security: []`. */
  anonymous: boolean;
  /** Who may call it: the spec's `x-roles` and `x-self-approve-roles` (empty when anonymous). */
  allowed: OperationRoles;
}

export interface RequestParts {
  params: unknown;
  query: unknown;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface ParsedRequest {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

/** The spec, as the server uses it: routes, request parsing, response checking. */
export interface Contract {
  routes: Record<OperationId, ContractRoute>;
  /** Throws a `request.invalid` problem listing every field error. */
  parseRequest(operationId: OperationId, parts: RequestParts): ParsedRequest;
  /** Issues of a response against the documented one for its status (empty when it conforms). */
  checkResponse(operationId: OperationId, status: number, body: unknown): string[];
}
