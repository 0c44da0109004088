import { ExchangeError, type ExchangeErrorContext } from './ExchangeError';

/** One option the client cannot work with. */
export interface ConfigIssue {
  /** Where in the options, e.g. `auth.clientSecret` or `retry.limit`. */
  option: string;
  /** What is wrong with it, in English. Never quotes the value: it may be a secret. */
  message: string;
  /** The same, in Chinese. */
  zh: string;
}

/**
 * The options given to `createExchangeClient` (or to one call) cannot work: a missing secret, a base
 * URL that is not http(s), a negative timeout... Thrown before anything is sent. `option` names the
 * first bad option, `issues` lists them all; `message` is English with the Chinese in brackets, `zh`
 * is the Chinese alone.
 */
export class ExchangeConfigError extends ExchangeError {
  override name = 'ExchangeConfigError';
  readonly option: string;
  readonly zh: string;
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly [ConfigIssue, ...ConfigIssue[]], context: ExchangeErrorContext = {}) {
    const [first] = issues;
    const zh = `客户端配置项 ${first.option} 无效：${first.zh}`;
    const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
    super(
      'config.invalid',
      `Invalid client option ${first.option}: ${first.message} (${zh})${more}`,
      context,
    );
    this.option = first.option;
    this.zh = zh;
    this.issues = issues;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), option: this.option, zh: this.zh, issues: this.issues };
  }
}
