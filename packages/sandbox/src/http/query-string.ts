import { Problem } from '../problems/problem';
import { namesPrototypeKey, prototypeKeyRule } from './prototype-keys';
import { urlEncodedPairs } from './url-encoded';

/** A parsed query: decoded names to their value, or their values in order when a name repeats. */
export type ParsedQuery = Record<string, string | string[]>;

const refusalOf = Symbol('the reason the query is refused');

/**
 * Fastify's `querystringParser`: decodes `name=value&…` into an object without a prototype, so that no name —
 * `__proto__[authorization]` included — can reach `Object.prototype` or shadow an inherited property. The router
 * calls it outside any error handling, so it never throws: a query it refuses (bad percent-encoding, a prototype
 * key in a name) carries its problem for `queryRefusal`, and the request is answered 400 before it is routed on.
 */
export function parseQuery(text: string): ParsedQuery {
  const query: ParsedQuery = Object.create(null);
  for (const pair of urlEncodedPairs(text)) {
    if (pair === undefined) return refuse(query, badEncoding());
    const [name, value] = pair;
    if (namesPrototypeKey(name)) return refuse(query, prototypeKeyProblem(name));
    const earlier = query[name];
    if (earlier === undefined) query[name] = value;
    else if (Array.isArray(earlier)) earlier.push(value);
    else query[name] = [earlier, value];
  }
  return query;
}

/** Why `parseQuery` refused this query, if it did. */
export function queryRefusal(query: unknown): Problem | undefined {
  return typeof query === 'object' && query !== null
    ? (query as { [refusalOf]?: Problem })[refusalOf]
    : undefined;
}

function refuse(query: ParsedQuery, problem: Problem): ParsedQuery {
  Object.defineProperty(query, refusalOf, { value: problem });
  return query;
}

function badEncoding(): Problem {
  return new Problem('request.invalid', 'The query string is not valid percent-encoded UTF-8', {
    zh: '查询字符串不是有效的百分号编码 UTF-8',
  });
}

function prototypeKeyProblem(name: string): Problem {
  return new Problem('request.invalid', `The query parameter "${name.slice(0, 100)}" is refused`, {
    zh: `查询参数“${name.slice(0, 100)}”被拒绝：${prototypeKeyRule.zh}`,
    errors: [{ field: `query.${name.slice(0, 100)}`, ...prototypeKeyRule }],
  });
}
