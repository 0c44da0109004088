import { type OperationId, operationMap } from '../generated/operations';

export interface MatchedOperation {
  operationId: OperationId;
  /** Path parameters, percent-decoded: a resource code travels as `307001030801%2F000012`, one segment. */
  params: Record<string, string>;
}

interface CompiledRoute {
  operationId: OperationId;
  method: string;
  pattern: RegExp;
  names: string[];
  literalSegments: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each template once as a regular expression; a parameter is one whole segment (the client encodes `/`). */
function compile(operationId: OperationId, method: string, template: string): CompiledRoute {
  const names: string[] = [];
  const parts = template.split(/\{([^}]+)\}/);
  let source = '';
  parts.forEach((part, i) => {
    if (i % 2 === 0) source += escapeRegExp(part);
    else {
      names.push(part);
      source += '([^/]+)';
    }
  });
  const literalSegments = template.split('/').filter((s) => s !== '' && !s.startsWith('{')).length;
  return { operationId, method, pattern: new RegExp(`^${source}$`), names, literalSegments };
}

// Templates with more literal segments are tried first, so a fixed path wins over a parameter.
const routes: CompiledRoute[] = (
  Object.entries(operationMap) as [OperationId, { method: string; path: string }][]
)
  .map(([id, route]) => compile(id, route.method.toUpperCase(), route.path))
  .sort((a, b) => b.literalSegments - a.literalSegments);

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The contract's operation for a method and a path (without query), or undefined when it names none. */
export function matchOperation(method: string, path: string): MatchedOperation | undefined {
  const upper = method.toUpperCase();
  for (const route of routes) {
    if (route.method !== upper) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    let decodable = true;
    route.names.forEach((name, i) => {
      const value = decode(match[i + 1]!);
      if (value === undefined) decodable = false;
      else params[name] = value;
    });
    if (decodable) return { operationId: route.operationId, params };
  }
  return undefined;
}
