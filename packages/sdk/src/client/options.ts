import { z } from 'zod';
import { zRequestId, zTokenRequest } from '../generated/zod';
import type { ExchangeClientOptions } from './create-client';
import { type ConfigIssue, ExchangeConfigError } from './errors/ExchangeConfigError';
import type { ExchangeErrorContext } from './errors/ExchangeError';

/**
 * The client's options, checked once when the client is made (and per call for per-call options), so
 * that a missing secret or a negative timeout is a typed ExchangeConfigError naming the option rather
 * than a TypeError from deep inside the first request. Texts never quote the value: it may be a secret.
 */

const texts = {
  required: ['required', '必须填写'],
  empty: ['must not be empty', '不能为空'],
  too_long: ['is too long', '过长'],
  not_string: ['must be a string', '必须是字符串'],
  not_object: ['must be an object', '必须是对象'],
  not_boolean: ['must be true or false', '必须是 true 或 false'],
  not_function: ['must be a function', '必须是函数'],
  not_signal: ['must be an AbortSignal', '必须是 AbortSignal'],
  control_chars: [
    'must not contain NUL, line breaks or other control characters',
    '不能包含 NUL、换行或其他控制字符',
  ],
  header_value: [
    'must be printable Latin-1 text (no NUL, no line breaks): it travels in a header',
    '必须是可打印的 Latin-1 文本（不能包含 NUL 或换行）：它放在请求头中发送',
  ],
  header_name: ['holds a name that is not a valid header name', '包含无效的请求头名称'],
  reserved_key: [
    'must not use the keys __proto__, constructor or prototype',
    '不能使用 __proto__、constructor 或 prototype 作为键',
  ],
  not_absolute_url: ['must be an absolute URL', '必须是绝对地址'],
  not_http: ['must use http or https', '必须使用 http 或 https'],
  url_extras: ['must not carry a query, fragment or credentials', '不能包含查询串、片段或凭据'],
  token_url: [
    'must be an http(s) URL without credentials, or a path starting with "/"',
    '必须是不含凭据的 http(s) 地址，或以 "/" 开头的路径',
  ],
  auth_type: ['must have type "clientCredentials" or "hmac"', '类型必须是 "clientCredentials" 或 "hmac"'],
  auth_needed: ['required for operations that need credentials', '调用需要凭据的接口时必须配置'],
  timeout: ['must be a number of milliseconds from 1 to 2147483647', '必须是 1 到 2147483647 之间的毫秒数'],
  milliseconds: [
    'must be a number of milliseconds from 0 to 2147483647',
    '必须是 0 到 2147483647 之间的毫秒数',
  ],
  retry: ['must be a number of retries, retry options or false', '必须是重试次数、重试选项对象或 false'],
  retry_limit: ['must be a whole number from 0 to 100', '必须是 0 到 100 之间的整数'],
  status_codes: ['must be a list of HTTP status codes (100-599)', '必须是 HTTP 状态码（100–599）的列表'],
  jitter: ['must be "full" or "equal"', '必须是 "full" 或 "equal"'],
  hooks: [
    'must be an object with lists of functions under beforeRequest, beforeRetry, afterResponse or beforeError',
    '必须是对象，其 beforeRequest、beforeRetry、afterResponse 或 beforeError 为函数列表',
  ],
  invalid: ['is not valid', '无效'],
} as const satisfies Record<string, readonly [english: string, chinese: string]>;
type TextKey = keyof typeof texts;

/** A schema-level error: `required` when the value is missing, the given text otherwise. */
const says = (key: TextKey) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : key),
});

const controlChars = /[\p{Cc}\u2028\u2029]/u;
// What fetch accepts in a header value: Latin-1, no NUL/CR/LF. Anything else makes fetch throw a
// TypeError that quotes the value, and a value in a header is often a credential.
const headerText = /^[\t\x20-\x7e\x80-\xff]*$/;
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const reservedKeys = new Set(['__proto__', 'constructor', 'prototype']);
/** setTimeout's ceiling: a longer delay overflows and fires at once. */
const maxTimerMs = 2_147_483_647;

function httpUrlProblem(value: string): TextKey | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not_absolute_url';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'not_http';
  if (url.search || url.hash || url.username || url.password) return 'url_extras';
  return undefined;
}

const baseUrl = z
  .string(says('not_string'))
  .min(1, says('empty'))
  .transform((value, ctx) => {
    const problem = httpUrlProblem(value);
    if (problem === undefined) return new URL(value).href.replace(/\/+$/, '');
    ctx.issues.push({ code: 'custom', message: problem, input: value });
    return z.NEVER;
  });

const tokenUrl = z
  .string(says('token_url'))
  .refine(
    (value) =>
      value.startsWith('/') ? /^\/(?!\/)[^\s{}\\]*$/.test(value) : httpUrlProblem(value) === undefined,
    'token_url',
  );

const milliseconds = (min: number, key: TextKey) =>
  z.number(says(key)).min(min, says(key)).max(maxTimerMs, says(key));
const retryLimit = z
  .number(says('retry_limit'))
  .int(says('retry_limit'))
  .min(0, says('retry_limit'))
  .max(100, says('retry_limit'));
const statusCode = z
  .number(says('status_codes'))
  .int(says('status_codes'))
  .min(100, says('status_codes'))
  .max(599, says('status_codes'));

// The credential fields are the contract's own (TokenRequest), plus what a header or form needs.
const clientSecret = zTokenRequest.shape.client_secret.refine(
  (value) => !controlChars.test(value),
  'control_chars',
);
const clientId = zTokenRequest.shape.client_id.refine((value) => !controlChars.test(value), 'control_chars');

const auth = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('clientCredentials'),
      clientId,
      clientSecret,
      tokenUrl: tokenUrl.optional(),
      refreshSkewMs: milliseconds(0, 'milliseconds').optional(),
    }),
    // HMAC sends the client id in the X-Client-Id header.
    z.object({
      type: z.literal('hmac'),
      clientId: zTokenRequest.shape.client_id.refine((value) => headerText.test(value), 'header_value'),
      clientSecret,
    }),
  ],
  // Zod's typings name only the union's own issue; a value that is no object arrives as invalid_type.
  { error: (issue) => ((issue as { code: string }).code === 'invalid_type' ? 'not_object' : 'auth_type') },
);

/**
 * Zod's union names only the union ("retry") when a branch fails its type check; choosing the branch
 * by the value's type names the exact option ("retry.limit").
 */
function byType(branches: Partial<Record<'boolean' | 'number' | 'object', z.ZodType>>, key: TextKey) {
  return z.unknown().superRefine((value, ctx) => {
    const kind = typeof value;
    const branch = Object.hasOwn(branches, kind) ? branches[kind as keyof typeof branches] : undefined;
    if (!branch) {
      ctx.addIssue({ code: 'custom', message: key });
      return;
    }
    for (const issue of branch.safeParse(value).error?.issues ?? []) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
  });
}

const retry = byType(
  {
    boolean: z.literal(false, says('retry')),
    number: retryLimit,
    object: z.object(
      {
        limit: retryLimit.optional(),
        delay: milliseconds(0, 'milliseconds').optional(),
        backoffLimit: milliseconds(0, 'milliseconds').optional(),
        statusCodes: z.array(statusCode, says('status_codes')).optional(),
        maxRetryAfter: milliseconds(0, 'milliseconds').optional(),
        clampRetryAfter: z.boolean(says('not_boolean')).optional(),
        jitter: z.enum(['full', 'equal'], says('jitter')).optional(),
        retryOnTimeout: z.boolean(says('not_boolean')).optional(),
      },
      says('retry'),
    ),
  },
  'retry',
);

const headers = z
  .custom<Record<string, unknown>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    'not_object',
  )
  .superRefine((map, ctx) => {
    for (const name of Object.keys(map)) {
      const value = map[name];
      // An invalid name is not repeated in the option path: it may be anything, line breaks included.
      if (reservedKeys.has(name)) ctx.addIssue({ code: 'custom', message: 'reserved_key' });
      else if (!headerName.test(name)) ctx.addIssue({ code: 'custom', message: 'header_name' });
      else if (typeof value !== 'string' || !headerText.test(value))
        ctx.addIssue({ code: 'custom', message: 'header_value', path: [name] });
    }
  });

const callback = z.custom<(...args: never[]) => unknown>(
  (value) => typeof value === 'function',
  'not_function',
);

const hookList = z.array(callback, says('hooks')).optional();
// Strict: a misspelt hook name (afterRequest) would otherwise be dropped without a word.
const hooks = z.strictObject(
  { beforeRequest: hookList, beforeRetry: hookList, afterResponse: hookList, beforeError: hookList },
  says('hooks'),
);

const clientOptions = z.object(
  {
    baseUrl,
    auth: auth.optional(),
    timeout: milliseconds(1, 'timeout').optional(),
    retry: retry.optional(),
    validateResponses: z.boolean(says('not_boolean')).optional(),
    fetch: callback.optional(),
    headers: headers.optional(),
    onRequest: callback.optional(),
    hooks: hooks.optional(),
  },
  says('not_object'),
);

const requestOptions = z.object(
  {
    signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal, 'not_signal').optional(),
    timeout: milliseconds(1, 'timeout').optional(),
    retry: retry.optional(),
    requestId: zRequestId.refine((value) => headerText.test(value), 'header_value').optional(),
    headers: headers.optional(),
    validateResponse: z.boolean(says('not_boolean')).optional(),
  },
  says('not_object'),
);

function textOf(issue: z.core.$ZodIssue): TextKey {
  if (Object.hasOwn(texts, issue.message)) return issue.message as TextKey;
  // Issues of the contract's own schemas (TokenRequest, RequestId) carry zod's default messages.
  if (issue.code === 'invalid_type') {
    const key = `not_${issue.expected}`;
    return Object.hasOwn(texts, key) ? (key as TextKey) : 'invalid';
  }
  if (issue.code === 'too_small') return 'empty';
  if (issue.code === 'too_big') return 'too_long';
  return 'invalid';
}

function toConfigIssue(issue: z.core.$ZodIssue): ConfigIssue {
  const [message, zh] = texts[textOf(issue)];
  return { option: issue.path.map(String).join('.') || 'options', message, zh };
}

/** The value, parsed; or an ExchangeConfigError listing every bad option. */
function parsed<T>(schema: z.ZodType<T>, value: unknown, context?: ExchangeErrorContext): T {
  // The per-parse error only reaches the contract's schemas, which carry no texts of their own.
  const result = schema.safeParse(value, {
    error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined),
  });
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues.map(toConfigIssue);
  throw new ExchangeConfigError([first as ConfigIssue, ...rest], context);
}

/** The client's options, checked, with the base URL in its normal form (no trailing slash). */
export function checkClientOptions(options: ExchangeClientOptions): ExchangeClientOptions {
  return { ...options, baseUrl: parsed(clientOptions, options).baseUrl };
}

/** Checks the options of one call; throws ExchangeConfigError before anything is sent. */
export function checkRequestOptions(options: unknown, context: ExchangeErrorContext): void {
  if (options !== undefined) parsed(requestOptions, options, context);
}

const retryOnly = z.object({ retry: retry.optional() });

/** Checks a retry option (the client's or a call's). */
export function checkRetryOption(value: unknown): void {
  if (value !== undefined) parsed(retryOnly, { retry: value });
}

/** The error of an operation that needs credentials, called on a client made without `auth`. */
export function missingAuthError(): ExchangeConfigError {
  const [message, zh] = texts.auth_needed;
  return new ExchangeConfigError([{ option: 'auth', message, zh }]);
}
