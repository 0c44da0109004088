import type { z } from 'zod';
import { operationMap } from '../generated';
import type { OperationDescriptor } from './core/transport';
import type { OperationId } from './operations';

const cache = new Map<string, OperationDescriptor>();

function requiresHeader(headers: z.ZodType | undefined, name: string): boolean {
  const field = (headers as { shape?: Record<string, z.ZodType> } | undefined)?.shape?.[name];
  return field !== undefined && !field.safeParse(undefined).success;
}

/** What the transport needs to know about an operation, read once from the generated operation map. */
export function describeOperation(operationId: OperationId): OperationDescriptor {
  let descriptor = cache.get(operationId);
  if (descriptor) return descriptor;
  const route = operationMap[operationId];
  if (!route) throw new TypeError(`Unknown operation "${operationId}" (未知的接口操作)`);
  const request = route.request as { headers?: z.ZodType };
  descriptor = {
    operationId,
    method: route.method.toUpperCase(),
    path: route.path,
    responses: route.responses as Readonly<Record<string, z.ZodType | null>>,
    anonymous: !route.auth,
    idempotencyKey: requiresHeader(request.headers, 'Idempotency-Key'),
  };
  cache.set(operationId, descriptor);
  return descriptor;
}
