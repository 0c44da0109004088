import { type ProblemCode, problemCodes } from './problem-codes';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  zh: string;
  errors?: unknown[];
  [extension: string]: unknown;
}

/** A refusal thrown anywhere in a handler; the error handler turns it into RFC 9457 problem details. */
export class Problem extends Error {
  override readonly name = 'Problem';
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly options: { zh?: string; errors?: unknown[]; extensions?: Record<string, unknown> } = {},
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
