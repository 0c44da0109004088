/**
 * The rules the compliance proxy holds a vendor's application to, as data (Spectral style): each rule has a
 * stable id, a severity and a zh/en title. The functions that apply them live in request-checks.ts and
 * client-history.ts; a finding names its rule by id.
 */
export type ComplianceSeverity = 'error' | 'warning';

export interface ComplianceRule {
  readonly id: ComplianceRuleId;
  readonly severity: ComplianceSeverity;
  readonly title: { readonly zh: string; readonly en: string };
}

export const complianceRuleIds = [
  'contract/unknown-operation',
  'contract/request-invalid',
  'idempotency/key-missing',
  'idempotency/key-not-reused',
  'retry-after/ignored',
  'secrets/in-query',
  'pagination/not-followed',
  'proxy/body-too-large',
  'proxy/target-unreachable',
] as const;

export type ComplianceRuleId = (typeof complianceRuleIds)[number];

const rule = (
  id: ComplianceRuleId,
  severity: ComplianceSeverity,
  zh: string,
  en: string,
): ComplianceRule => ({
  id,
  severity,
  title: { zh, en },
});

export const complianceRules: Readonly<Record<ComplianceRuleId, ComplianceRule>> = {
  'contract/unknown-operation': rule(
    'contract/unknown-operation',
    'error',
    '请求的接口不在接口规范中',
    'The request names no operation of the contract',
  ),
  'contract/request-invalid': rule(
    'contract/request-invalid',
    'error',
    '请求不符合接口规范',
    'The request does not match the contract',
  ),
  'idempotency/key-missing': rule(
    'idempotency/key-missing',
    'error',
    '写操作缺少 Idempotency-Key',
    'A write that the contract gives an Idempotency-Key was sent without one',
  ),
  'idempotency/key-not-reused': rule(
    'idempotency/key-not-reused',
    'error',
    '重试时换了 Idempotency-Key',
    'A retry of a failed write was sent with a different Idempotency-Key',
  ),
  'retry-after/ignored': rule(
    'retry-after/ignored',
    'error',
    '未遵守 429 的 Retry-After',
    'A request was sent before the Retry-After of a 429 had elapsed',
  ),
  'secrets/in-query': rule(
    'secrets/in-query',
    'error',
    '查询字符串中含有密钥或令牌',
    'A secret or token was sent in the query string',
  ),
  'pagination/not-followed': rule(
    'pagination/not-followed',
    'warning',
    '分页未读到最后一页',
    'A list was not read to its last page (a nextCursor was never requested)',
  ),
  'proxy/body-too-large': rule(
    'proxy/body-too-large',
    'error',
    '请求体超过代理上限',
    'The request body is larger than the proxy accepts',
  ),
  'proxy/target-unreachable': rule(
    'proxy/target-unreachable',
    'warning',
    '无法连接目标交换平台',
    'The target exchange could not be reached',
  ),
};
