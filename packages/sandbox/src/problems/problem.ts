import type { Finding } from '@unsilo/sdk';
import type { Problem as ProblemDetails } from '@unsilo/sdk/schemas';
import { type ProblemCode, problemCodes } from './problem-codes';

/** The contract's `Problem`, as this exchange always answers it: with `detail`, `instance` and `zh`. */
export type ProblemBody = ProblemDetails & Required<Pick<ProblemDetails, 'detail' | 'instance' | 'zh'>>;

/** A refusal thrown anywhere in a handler; the error handler turns it into RFC 9457 problem details. */
export class Problem extends Error {
  override readonly name = 'Problem';
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly options: { zh?: string; errors?: Finding[]; extensions?: Record<string, unknown> } = {},
  ) {
    super(detail ?? problemCodes[code].title);
    this.status = problemCodes[code].status;
  }

  toBody(instance: string, requestId: string): ProblemBody {
    const known = problemCodes[this.code];
    return {
      type: problemType(this.code),
      title: known.title,
      status: this.status,
      detail: this.detail ?? known.title,
      instance: uriReference(instance),
      code: this.code,
      requestId,
      zh: this.options.zh ?? known.zh,
      ...(this.options.errors ? { errors: this.options.errors } : {}),
      ...this.options.extensions,
    };
  }
}

export function problemType(code: string): string {
  return `urn:unsilo:problem:${code}`;
}

/** The request path as a valid URI reference (no query; anything outside RFC 3986's path characters escaped). */
function uriReference(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/g, (c) => encodeURIComponent(c));
}
