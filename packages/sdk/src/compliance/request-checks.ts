import type { ZodType, z } from 'zod';
import { type OperationId, operationMap } from '../generated/operations';
import { parseFormBody, parseJsonBody } from './body-parse';
import type { MatchedOperation } from './match-operation';
import { type FindingEvent, headerOf, type ObservedRequest } from './observed';
import { queryObject } from './query-object';

/**
 * The checks one request can be judged on alone (no history): the operation exists, it matches the contract,
 * it carries the Idempotency-Key the contract gives it, and nothing secret travels in its query string.
 */

const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Query parameter names that carry a secret; `-` counts as `_`, case does not matter. */
const secretNames = new Set([
  'client_secret',
  'secret',
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'password',
  'passwd',
  'signature',
  'sig',
  'api_key',
  'apikey',
  'private_key',
]);

export function isSecretLikeName(name: string): boolean {
  const normal = name.toLowerCase().replace(/-/g, '_');
  return secretNames.has(normal) || /_(secret|token|password|signature)$/.test(normal);
}

type Event = Omit<FindingEvent, 'method' | 'path' | 'at'>;

/** Operations whose request headers schema names an Idempotency-Key (today: batchRecords). */
export function requiresIdempotencyKey(operationId: OperationId): boolean {
  const headers = operationMap[operationId].request.headers as ZodType | undefined;
  const shape = (headers as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape !== undefined && Object.hasOwn(shape, IDEMPOTENCY_HEADER);
}

export function secretsInQuery(request: ObservedRequest, operationId?: OperationId): Event[] {
  const names = [...new Set(request.query.map(([name]) => name).filter(isSecretLikeName))];
  return names.map((name) => ({
    rule: 'secrets/in-query',
    ...(operationId ? { operation: operationId } : {}),
    // The name only: the value never leaves the proxy.
    message: {
      zh: `查询参数 ${name} 看起来是密钥或令牌，应放在请求头或请求体中`,
      en: `query parameter ${name} looks like a secret; send it in a header or the body`,
    },
  }));
}

export function idempotencyKeyMissing(request: ObservedRequest, operationId: OperationId): Event[] {
  if (!requiresIdempotencyKey(operationId)) return [];
  if ((headerOf(request.headers, 'idempotency-key') ?? '') !== '') return [];
  return [
    {
      rule: 'idempotency/key-missing',
      operation: operationId,
      message: {
        zh: '该写操作须带 Idempotency-Key 请求头，重试时沿用同一个值',
        en: 'this write needs an Idempotency-Key header, the same one on every retry',
      },
    },
  ];
}

interface Issue {
  where: string;
  message: string;
}

function issuesOf(root: string, error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    where: [root, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

function validate(root: string, schema: ZodType | undefined, value: unknown): Issue[] {
  if (!schema) return [];
  const result = schema.safeParse(value);
  return result.success ? [] : issuesOf(root, result.error);
}

/** The request headers the schema declares, under its spelling; a missing Idempotency-Key has its own rule. */
function headerIssues(request: ObservedRequest, schema: ZodType | undefined): Issue[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
  const headers: Record<string, string> = {};
  for (const name of Object.keys(shape)) {
    const value = headerOf(request.headers, name.toLowerCase());
    if (value !== undefined) headers[name] = value;
  }
  const issues = validate('headers', schema, headers);
  return issues.filter(
    (issue) => !(issue.where === `headers.${IDEMPOTENCY_HEADER}` && !headers[IDEMPOTENCY_HEADER]),
  );
}

function bodyIssues(
  request: ObservedRequest,
  operationId: OperationId,
  schema: ZodType | undefined,
): Issue[] {
  if (!schema) return [];
  if (request.body.length === 0) return [{ where: 'body', message: 'a body is required' }];
  const type = headerOf(request.headers, 'content-type') ?? '';
  const form = operationId === 'issueToken' && /application\/x-www-form-urlencoded/i.test(type);
  const parsed = form ? parseFormBody(request.body) : parseJsonBody(request.body);
  if (!parsed.ok) return [{ where: 'body', message: parsed.message.en }];
  return validate('body', schema, parsed.value);
}

/** Path, query, headers and body against the operation's generated schemas. */
export function requestInvalid(request: ObservedRequest, match: MatchedOperation): Event[] {
  const schemas = operationMap[match.operationId].request as Record<string, ZodType | undefined>;
  const issues = [
    ...validate('path', schemas.path, match.params),
    ...validate('query', schemas.query, queryObject(schemas.query, request.query)),
    ...headerIssues(request, schemas.headers),
    ...bodyIssues(request, match.operationId, schemas.body),
  ];
  if (issues.length === 0) return [];
  const shown = issues.slice(0, 5).map((i) => `${i.where}: ${i.message}`);
  const more = issues.length > 5 ? ` (+${issues.length - 5})` : '';
  return [
    {
      rule: 'contract/request-invalid',
      operation: match.operationId,
      message: {
        zh: `不符合接口规范：${shown.join('；')}${more}`,
        en: `does not match the contract: ${shown.join('; ')}${more}`,
      },
    },
  ];
}

export function unknownOperation(request: ObservedRequest): Event[] {
  return [
    {
      rule: 'contract/unknown-operation',
      message: {
        zh: `接口规范中没有 ${request.method} ${request.path}`,
        en: `the contract has no operation ${request.method} ${request.path}`,
      },
    },
  ];
}
