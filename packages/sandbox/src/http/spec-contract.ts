import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as generated from '@unsilo/sdk/schemas';
import { type ZodType, z } from 'zod';
import { Problem } from '../problems/problem';
import type { Contract, ContractRoute, FieldError, ParsedRequest } from './contract';
import { auditActions, type OperationId } from './operation-table';

type JsonSchema = Record<string, unknown>;

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
  style?: string;
  $ref?: string;
}

interface OpenApiOperation {
  operationId: string;
  security?: unknown[];
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: JsonSchema }> }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation | OpenApiParameter[]>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters?: Record<string, OpenApiParameter>;
    responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
  };
}

interface CompiledParameter {
  name: string;
  required: boolean;
  numeric: boolean;
  deepObject: boolean;
  schema: ZodType;
}

interface CompiledOperation {
  path: CompiledParameter[];
  query: CompiledParameter[];
  /** Undefined when the operation takes no body, or when the body is judged elsewhere (catalogue entries). */
  body?: ZodType;
  takesBody: boolean;
  /** Status → schema of the JSON body documented for it (undefined: documented without a body). */
  responses: Map<number, ZodType | undefined>;
}

/** The bundled contract, `packages/spec/dist/openapi.json`. */
export function readOpenApiDocument(): OpenApiDocument {
  const file = createRequire(import.meta.url).resolve('@unsilo/spec/openapi.json');
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

/**
 * The server's view of the spec: routes and security from the OpenAPI document; request and response shapes
 * checked with the zod schemas generated from it (`@unsilo/sdk/schemas`). Nothing here restates a shape.
 *
 * Two deliberate exceptions: a catalogue entry in a request body is judged by the catalogue linter (the same
 * rules as the CLI, answering 422 with diagnostics), and the records inside a batch are judged one by one by
 * `checkRecord` (a bad record is rejected in the batch result, not the whole request) — the envelope around
 * them is still checked with the generated schema.
 */
export function specContract(document: OpenApiDocument = readOpenApiDocument()): Contract {
  const routes = {} as Record<OperationId, ContractRoute>;
  const operations = new Map<OperationId, CompiledOperation>();
  const missing = new Set<string>();
  const componentSchema = (name: string): ZodType => {
    const schema = zodComponent(name);
    if (!schema) missing.add(name);
    return schema ?? z.unknown();
  };
  const schemaOf = (schema: JsonSchema | undefined): ZodType | undefined => {
    if (!schema) return undefined;
    const ref = typeof schema.$ref === 'string' ? schema.$ref : undefined;
    if (ref?.startsWith('#/components/schemas/'))
      return componentSchema(ref.slice('#/components/schemas/'.length));
    return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]) as unknown as ZodType;
  };
  const resolveJson = (schema: JsonSchema | undefined): JsonSchema | undefined => {
    const ref = schema?.$ref;
    return typeof ref === 'string' ? resolveJson(document.components.schemas[ref.split('/').pop()!]) : schema;
  };

  for (const [path, item] of Object.entries(document.paths)) {
    const shared = (Array.isArray(item.parameters) ? item.parameters : []) as OpenApiParameter[];
    for (const method of ['get', 'post', 'put', 'delete', 'patch'] as const) {
      const operation = item[method] as OpenApiOperation | undefined;
      if (!operation) continue;
      const id = operation.operationId as OperationId;
      if (!(id in auditActions)) throw new Error(`the sandbox does not know operation ${id}`);
      routes[id] = {
        method: method.toUpperCase() as ContractRoute['method'],
        path,
        anonymous: Array.isArray(operation.security) && operation.security.length === 0,
      };
      const parameters = [...shared, ...(operation.parameters ?? [])].map((parameter) =>
        parameter.$ref ? document.components.parameters![parameter.$ref.split('/').pop()!]! : parameter,
      );
      const compile = (parameter: OpenApiParameter): CompiledParameter => {
        const json = resolveJson(parameter.schema);
        return {
          name: parameter.name,
          required: parameter.required === true,
          numeric: json?.type === 'integer' || json?.type === 'number',
          deepObject: parameter.style === 'deepObject',
          schema: schemaOf(parameter.schema) ?? z.unknown(),
        };
      };
      const jsonBody = operation.requestBody?.content?.['application/json']?.schema;
      const bodyRef = typeof jsonBody?.$ref === 'string' ? jsonBody.$ref.split('/').pop() : undefined;
      const responses = new Map<number, ZodType | undefined>();
      for (const [status, response] of Object.entries(operation.responses)) {
        const resolved = response.$ref
          ? document.components.responses![response.$ref.split('/').pop()!]!
          : response;
        const content = resolved.content ?? {};
        const schema = content['application/json']?.schema ?? content['application/problem+json']?.schema;
        responses.set(Number(status), schemaOf(schema));
      }
      operations.set(id, {
        path: parameters.filter((p) => p.in === 'path').map(compile),
        query: parameters.filter((p) => p.in === 'query').map(compile),
        takesBody: operation.requestBody !== undefined,
        body:
          bodyRef === 'CatalogEntry'
            ? z.record(z.string(), z.unknown())
            : bodyRef === 'BatchRequest'
              ? batchEnvelope(componentSchema('BatchRequest'))
              : schemaOf(jsonBody),
        responses,
      });
    }
  }

  return {
    routes,
    missingSchemas: [...missing],
    parseRequest(operationId, parts) {
      const operation = operations.get(operationId)!;
      const errors: FieldError[] = [];
      const params = parseParameters(operation.path, (parts.params ?? {}) as Record<string, unknown>, errors);
      const query = parseParameters(operation.query, (parts.query ?? {}) as Record<string, unknown>, errors);
      let body: unknown = parts.body;
      if (operation.takesBody && operation.body) {
        if (body === undefined || body === null) {
          errors.push({
            field: 'body',
            rule: 'required',
            message: 'a JSON body is required',
            zh: '缺少请求体',
          });
        } else {
          const result = operation.body.safeParse(body);
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
    },
    checkResponse(operationId, status, body) {
      const operation = operations.get(operationId)!;
      if (!operation.responses.has(status)) return [`status ${status} is not documented for ${operationId}`];
      const schema = operation.responses.get(status);
      if (!schema)
        return body === undefined ? [] : [`status ${status} of ${operationId} has no documented body`];
      const result = schema.safeParse(body);
      return result.success
        ? []
        : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    },
  };
}

/**
 * The batch envelope: the generated `BatchRequest` with the records themselves loosened to "any JSON object",
 * so each record is judged on its own by `checkRecord` instead of failing the whole batch (and so 5,000 records
 * do not each pay for a zod parse).
 */
function batchEnvelope(batchRequest: ZodType): ZodType {
  const loose = z.array(z.unknown());
  if (batchRequest instanceof z.ZodObject) {
    return batchRequest.extend({ upsert: loose.optional(), delete: loose.optional() });
  }
  return batchRequest;
}

function parseParameters(
  parameters: CompiledParameter[],
  values: Record<string, unknown>,
  errors: FieldError[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const parameter of parameters) {
    let value = values[parameter.name];
    if (parameter.deepObject) {
      const prefix = `${parameter.name}[`;
      const entries = Object.entries(values).filter(([key]) => key.startsWith(prefix) && key.endsWith(']'));
      if (entries.length === 0) continue;
      value = Object.fromEntries(
        entries.map(([key, v]) => [key.slice(prefix.length, -1), Array.isArray(v) ? v[0] : v]),
      );
    }
    if (value === undefined || value === '') {
      if (parameter.required) {
        errors.push({ field: parameter.name, rule: 'required', message: 'is required', zh: '为必填参数' });
      }
      continue;
    }
    if (Array.isArray(value)) value = value[0];
    if (parameter.numeric && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
      value = Number(value);
    const result = parameter.schema.safeParse(value);
    if (result.success) out[parameter.name] = result.data;
    else errors.push(...issuesOf(result.error, parameter.name, value));
  }
  return out;
}

function issuesOf(error: z.ZodError, root: string, value?: unknown): FieldError[] {
  return error.issues.slice(0, 20).map((issue) => ({
    field: [root, ...issue.path.map(String)].join('.').replace(/^body\./, ''),
    rule: issue.code,
    ...(value !== undefined ? { value: String(value).slice(0, 200) } : {}),
    message: issue.message,
    zh: zhOf(issue),
  }));
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

/** Looks up the generated zod schema of a component. */
function zodComponent(name: string): ZodType | undefined {
  const table = generated as unknown as Record<string, unknown>;
  const candidates = [
    table[`${name}Schema`],
    table[name],
    (table.schemas as Record<string, unknown> | undefined)?.[name],
  ];
  return candidates.find((candidate): candidate is ZodType => candidate instanceof z.ZodType);
}
