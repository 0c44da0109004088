import type { FieldFinding } from '@unsilo/sdk';
import { type OperationRoute, operationMap, zBatchRequest } from '@unsilo/sdk/schemas';
import { type ZodType, z } from 'zod';
import { Problem } from '../problems/problem';
import type { Contract, ContractRoute, ParsedRequest, RequestParts } from './contract';
import { auditActions, type OperationId } from './operation-table';
import { isPrototypeKey } from './prototype-keys';

/**
 * The batch envelope: the generated `BatchRequest` with each record loosened to "any JSON value", so a bad record
 * is rejected on its own by `checkRecord` in the batch result instead of failing the whole batch (and 5,000
 * records do not each pay for a zod parse). The 5,000-operation limit is the handler's (413, counted over both
 * arrays); the envelope's members stay the generated schema's.
 */
const batchEnvelope = zBatchRequest
  .extend({
    upsert: z.array(z.unknown()).optional(),
    delete: z.array(z.unknown()).optional(),
  })
  .strict()
  // The spec's `minProperties: 1`, which the generated schema does not carry.
  .refine((batch) => Object.keys(batch).length > 0, {
    message: 'A batch needs upsert or delete / 批次须含 upsert 或 delete',
  });

/** Operations whose body is a catalogue entry: judged by the catalogue linter (422 with diagnostics). */
const entryBodies = new Set<OperationId>(['createResource', 'updateResource']);

/** Which problem a malformed path parameter gets, by path prefix. */
const notFoundCodes: Array<
  [string, 'resource.not_found' | 'department.not_found' | 'codeset.not_found' | 'share_request.not_found']
> = [
  ['/v1/catalog/resources/', 'resource.not_found'],
  ['/v1/departments/', 'department.not_found'],
  ['/v1/codesets/', 'codeset.not_found'],
  ['/v1/share-requests/', 'share_request.not_found'],
];

/**
 * The token endpoint answers a wrong grant type with its own code (`auth.unsupported_grant_type`, as OAuth
 * clients expect) before judging the rest of the form; it parses the generated `TokenRequest` itself.
 */
const ownBodyCheck = new Set<OperationId>(['issueToken']);

/**
 * The server's view of the spec: routes, security and the request and response schemas, all taken from the
 * generated `operationMap` of `@unsilo/sdk/schemas` (itself generated from `packages/spec`). Nothing here
 * restates a shape.
 *
 * Deliberate choices: a catalogue entry in a body is judged by the catalogue linter, the same rules as the CLI
 * (422 with diagnostics, unknown fields as warnings); records inside a batch are judged one by one by
 * `checkRecord`; other JSON bodies refuse unknown members (a typo in a field name is a client bug, not data to
 * drop silently). Headers the handlers own (If-Match → 428, Idempotency-Key → 400 with its own code) are not
 * pre-checked here.
 */
export function specContract(map: Readonly<Record<string, OperationRoute>> = operationMap): Contract {
  const routes = {} as Record<OperationId, ContractRoute>;
  const bodies = new Map<OperationId, ZodType | undefined>();
  for (const [id, route] of Object.entries(map)) {
    if (!(id in auditActions)) throw new Error(`the sandbox does not implement operation ${id}`);
    const operationId = id as OperationId;
    // An authenticated operation that names no roles would be open to every role: refuse to start instead.
    if (route.auth && !route.roles?.length) throw new Error(`operation ${id} declares no x-roles`);
    routes[operationId] = {
      method: route.method.toUpperCase() as ContractRoute['method'],
      path: route.path,
      anonymous: !route.auth,
      allowed: { roles: route.roles ?? [], selfApproveRoles: route.selfApproveRoles ?? [] },
    };
    bodies.set(operationId, bodySchemaOf(operationId, route.request.body));
  }
  return {
    routes,
    parseRequest: (operationId, parts) => parseRequest(map[operationId]!, bodies.get(operationId), parts),
    checkResponse: (operationId, status, body) => checkResponse(map[operationId]!, operationId, status, body),
  };
}

/** The schema the sandbox checks a body with (undefined: the handler checks it, or there is none). */
function bodySchemaOf(operationId: OperationId, body: ZodType | undefined): ZodType | undefined {
  if (body === undefined || ownBodyCheck.has(operationId)) return undefined;
  if (entryBodies.has(operationId)) return z.record(z.string(), z.unknown());
  if (operationId === 'batchRecords') return batchEnvelope;
  return body instanceof z.ZodObject ? body.strict() : body;
}

/** Path, query and body of a request, checked: a bad path is 404, anything else wrong 400 (all at once). */
function parseRequest(
  route: OperationRoute,
  bodySchema: ZodType | undefined,
  parts: RequestParts,
): ParsedRequest {
  const pathErrors: FieldFinding[] = [];
  const params = parseWith(route.request.path, parts.params ?? {}, 'path', pathErrors);
  if (pathErrors.length > 0) {
    // A path that cannot name anything names nothing: 404, as for a well-formed id that does not exist.
    const problem = notFoundCodes.find(([prefix]) => route.path.startsWith(prefix))?.[1] ?? 'route.not_found';
    throw new Problem(
      problem,
      `No such object: ${pathErrors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      {
        errors: pathErrors,
      },
    );
  }
  const errors: FieldFinding[] = [];
  const query = parseWith(
    route.request.query,
    queryObject(route.request.query, parts.query),
    'query',
    errors,
  );
  let body = parts.body;
  if (bodySchema) {
    if (body === undefined || body === null) {
      errors.push({ field: 'body', rule: 'required', message: 'a JSON body is required', zh: '缺少请求体' });
    } else {
      const result = bodySchema.safeParse(body);
      if (result.success) body = result.data;
      else errors.push(...issuesOf(result.error, 'body'));
    }
  }
  if (errors.length > 0) {
    throw new Problem('request.invalid', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      zh: `请求不符合接口规范：${errors.map((e) => `${e.field} ${e.zh}`).join('；')}`,
      errors,
    });
  }
  return { params, query, body } as ParsedRequest;
}

/** How an answer departs from the spec: an undocumented status or a body off its schema (empty: it conforms). */
function checkResponse(route: OperationRoute, operationId: string, status: number, body: unknown): string[] {
  const responses = route.responses;
  if (!(String(status) in responses)) return [`status ${status} is not documented for ${operationId}`];
  const schema = responses[String(status)];
  if (!schema) return body === undefined ? [] : [`status ${status} of ${operationId} has no documented body`];
  const result = schema.safeParse(body);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

/**
 * Query strings carry text: numbers are turned into numbers where the schema expects one, repeated parameters
 * keep their first value, and `filter[key]=value` (OpenAPI deepObject) becomes `filter: { key: value }`.
 * Every object built here has no prototype, and a name counts only when the schema itself declares it (an own
 * property of its shape): `__proto__[x]` or `toString` name nothing. (`parseQuery` has already refused prototype
 * keys; this holds on its own.)
 */
function queryObject(schema: ZodType | undefined, raw: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  const shape: Record<string, ZodType> =
    schema instanceof z.ZodObject ? (schema.shape as Record<string, ZodType>) : Object.create(null);
  for (const [name, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    const text = Array.isArray(value) ? value[0] : value;
    const deep = /^([A-Za-z_][A-Za-z0-9_]*)\[([^\]]*)\]$/.exec(name);
    if (deep && Object.hasOwn(shape, deep[1]!)) {
      const group = (out[deep[1]!] ?? Object.create(null)) as Record<string, unknown>;
      if (isPrototypeKey(deep[2]!)) continue;
      group[deep[2]!] = text;
      out[deep[1]!] = group;
      continue;
    }
    if (!Object.hasOwn(shape, name)) continue;
    out[name] =
      typeof text === 'string' && /^-?\d{1,15}$/.test(text) && expectsNumber(shape[name]!)
        ? Number(text)
        : text;
  }
  return out;
}

function expectsNumber(schema: ZodType): boolean {
  return schema.safeParse(1).success && !schema.safeParse('1').success;
}

function parseWith(
  schema: ZodType | undefined,
  value: unknown,
  root: string,
  errors: FieldFinding[],
): Record<string, unknown> {
  if (!schema) return {};
  const result = schema.safeParse(value);
  if (result.success) return result.data as Record<string, unknown>;
  errors.push(...issuesOf(result.error, root, value));
  return {};
}

function issuesOf(error: z.ZodError, root: string, input?: unknown): FieldFinding[] {
  return error.issues.slice(0, 20).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : root;
    const value =
      root !== 'body' && input && typeof input === 'object'
        ? (input as Record<string, unknown>)[String(issue.path[0])]
        : undefined;
    return {
      field,
      rule: issue.code,
      ...(value !== undefined ? { value: String(value).slice(0, 200) } : {}),
      message: issue.message,
      zh: zhOf(issue),
    };
  });
}

function zhOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '缺少必填项' : `类型错误，应为 ${issue.expected}`;
    case 'too_big':
      return `超出上限 ${String(issue.maximum)}`;
    case 'too_small':
      return `低于下限 ${String(issue.minimum)}`;
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return '取值不在允许范围内';
    case 'unrecognized_keys':
      return `未定义的字段：${issue.keys.join('、')}`;
    default:
      return '不符合接口规范';
  }
}
