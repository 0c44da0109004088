/**
 * Every refusal the exchange can give: a stable code, its HTTP status, and the message in English and Chinese.
 * Clients branch on `code`; the texts are for people.
 */
export const problemCodes = {
  'request.invalid': { status: 400, title: 'The request is invalid', zh: '请求不符合接口规范' },
  'request.unsupported_media_type': {
    status: 415,
    title: 'Unsupported content type',
    zh: '不支持的内容类型',
  },
  'request.too_large': { status: 413, title: 'The body is too large', zh: '请求体过大' },
  'request.too_deep': {
    status: 400,
    title: 'The JSON body nests too deeply',
    zh: 'JSON 请求体嵌套层级过深',
  },
  'request.headers_too_large': {
    status: 431,
    title: 'The request line and headers are too large',
    zh: '请求行与请求头过大',
  },
  'request.timeout': { status: 408, title: 'The request did not arrive in time', zh: '请求超时' },
  'request.expectation_failed': {
    status: 417,
    title: 'The Expect header cannot be met',
    zh: '无法满足 Expect 请求头的要求',
  },
  'route.not_found': { status: 404, title: 'No such endpoint', zh: '接口不存在' },
  'auth.missing_credentials': {
    status: 401,
    title: 'Authentication is required',
    zh: '需要身份认证（Bearer 令牌或 HMAC 签名）',
  },
  'auth.invalid_client': {
    status: 401,
    title: 'Unknown client or wrong secret',
    zh: '客户端不存在或密钥错误',
  },
  'auth.unsupported_grant_type': {
    status: 400,
    title: 'Only the client_credentials grant is supported',
    zh: '仅支持 client_credentials 授权方式',
  },
  'auth.invalid_token': { status: 401, title: 'The token is invalid or expired', zh: '令牌无效或已过期' },
  'auth.invalid_signature': { status: 401, title: 'The request signature is invalid', zh: '请求签名无效' },
  'auth.timestamp_out_of_window': {
    status: 401,
    title: 'The request timestamp is outside the 5-minute window',
    zh: '请求时间戳超出 5 分钟有效窗口',
  },
  'auth.nonce_reused': { status: 401, title: 'The nonce was already used', zh: '随机数（nonce）已被使用' },
  'access.role_required': {
    status: 403,
    title: "None of the department's roles may do this",
    zh: '本部门的角色无权执行此操作',
  },
  'access.forbidden': { status: 403, title: 'Not allowed for this department', zh: '本部门无权执行此操作' },
  'access.not_shared': { status: 403, title: 'This resource is not shared', zh: '该信息资源不予共享' },
  'access.share_request_required': {
    status: 403,
    title: 'Conditional sharing requires an approved share request',
    zh: '有条件共享的资源须经提供方批准共享申请后方可访问',
  },
  'department.not_found': { status: 404, title: 'No such department', zh: '部门不存在' },
  'resource.not_found': { status: 404, title: 'No such catalogue resource', zh: '目录中不存在该信息资源' },
  'catalog.duplicate_code': {
    status: 409,
    title: 'A resource with this code exists',
    zh: '该信息资源代码已存在',
  },
  'catalog.lint_failed': {
    status: 422,
    title: 'The catalogue entry has errors',
    zh: '目录条目未通过校验',
  },
  'catalog.code_mismatch': {
    status: 422,
    title: 'The entry code differs from the code in the path',
    zh: '条目中的代码与路径中的代码不一致',
  },
  'catalog.invalid_transition': {
    status: 409,
    title: 'This life-cycle step is not allowed from the current status',
    zh: '当前状态不允许该生命周期操作',
  },
  'catalog.key_undeclared': {
    status: 409,
    title: 'The resource declares no record key',
    zh: '该信息资源未声明记录主键（key）',
  },
  'sync_run.inconsistent': {
    status: 422,
    title: 'Sync run figures do not add up',
    zh: '同步运行报告的数字不一致',
  },
  'precondition.required': {
    status: 428,
    title: 'If-Match is required',
    zh: '须携带 If-Match 请求头（当前 ETag）',
  },
  'precondition.failed': {
    status: 412,
    title: 'The resource changed since it was read',
    zh: '资源已被修改，ETag 不匹配',
  },
  'idempotency.key_required': {
    status: 400,
    title: 'Idempotency-Key is required',
    zh: '须携带 Idempotency-Key 请求头',
  },
  'idempotency.conflict': {
    status: 409,
    title: 'This Idempotency-Key was used with another body',
    zh: '该幂等键已用于不同的请求体',
  },
  'share_request.not_found': { status: 404, title: 'No such share request', zh: '共享申请不存在' },
  'share_request.already_decided': {
    status: 409,
    title: 'The share request was already decided',
    zh: '该共享申请已处理',
  },
  'codeset.not_found': { status: 404, title: 'No such code set', zh: '代码集不存在' },
  'client.not_found': { status: 404, title: 'No such client', zh: '客户端不存在' },
  'client.revoked': {
    status: 409,
    title: 'The client is revoked',
    zh: '该客户端已吊销，请添加新的客户端',
  },
  'retention.not_configured': {
    status: 409,
    title: 'Retention not configured',
    zh: '本交换平台未设置保留期，保留全部历史版本；请以保留期（--retention-days）启动后再压缩',
  },
  'rate.limited': { status: 429, title: 'Too many requests', zh: '请求过于频繁，请稍后重试' },
  'internal.error': { status: 500, title: 'Internal error', zh: '服务器内部错误' },
} as const satisfies Record<string, { status: number; title: string; zh: string }>;

export type ProblemCode = keyof typeof problemCodes;
