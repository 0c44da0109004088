// GENERATED FILE — do not edit. Source: packages/spec (dist/openapi.json).
// Regenerate with `npm run generate` at the repository root; CI fails when this file is stale.
import * as z from 'zod';

/**
 * 信息资源代码
 *
 * 分类码“/”顺序码，例如 307001030801/000012。 / Classification code "/" sequence number.
 */
export const zResourceCode = z.string().regex(/^[0-9]{6,}\/[0-9]+$/);

/**
 * 部门 ID / Department id.
 */
export const zDepartmentId = z.string().max(64).regex(/^[a-z0-9][a-z0-9-]*$/);

/**
 * 统一社会信用代码（GB 32100）/ Unified social credit code (GB 32100).
 */
export const zCreditCode = z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/);

/**
 * 不透明的分页游标 / Opaque page cursor.
 */
export const zCursor = z.string().min(1).max(2048);

/**
 * 下一页游标；最后一页为 null / Cursor of the next page; `null` on the last page.
 */
export const zNextCursor = zCursor.nullable();

/**
 * 请求 ID / Request id.
 */
export const zRequestId = z.string().min(1).max(128);

/**
 * RFC 3339 时间 / RFC 3339 date-time.
 */
export const zTimestamp = z.iso.datetime({ offset: true });

/**
 * 行列位置 / Line and column, 1-based.
 */
export const zTextPosition = z.object({
    line: z.int().gte(1),
    column: z.int().gte(1),
    offset: z.int().gte(0).optional()
});

/**
 * 文本位置（行列从 1 开始）/ Position in the source text, 1-based lines and columns.
 */
export const zTextRange = z.object({
    start: zTextPosition,
    end: zTextPosition
});

/**
 * 一条明细 / One detail of a problem.
 */
export const zProblemDetailItem = z.looseObject({
    rule: z.string().optional(),
    severity: z.enum([
        'error',
        'warning',
        'info'
    ]).optional(),
    field: z.string().optional(),
    path: z.string().optional(),
    value: z.unknown().optional(),
    message: z.string(),
    zh: z.string().optional(),
    range: zTextRange.optional()
});

/**
 * RFC 9457 问题详情 / RFC 9457 problem details.
 */
export const zProblem = z.looseObject({
    type: z.string(),
    title: z.string(),
    status: z.int().gte(400).lte(599),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/),
    requestId: zRequestId,
    zh: z.string().optional(),
    errors: z.array(zProblemDetailItem).optional()
});

/**
 * 客户端凭证授权请求 / Client credentials grant.
 */
export const zTokenRequest = z.object({
    grant_type: z.literal('client_credentials'),
    client_id: z.string().min(1).max(128),
    client_secret: z.string().min(1).max(512),
    scope: z.string().optional()
});

/**
 * 访问令牌 / Access token.
 */
export const zTokenResponse = z.object({
    access_token: z.string().min(1),
    token_type: z.literal('Bearer'),
    expires_in: z.int().gte(1)
});

/**
 * Ed25519 公钥（RFC 8037）/ Ed25519 public key (RFC 8037).
 */
export const zJwk = z.object({
    kid: z.string().min(1),
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    use: z.literal('sig'),
    alg: z.literal('EdDSA').optional()
});

/**
 * 回执签名公钥（JWKS）/ Receipt signing keys as a JSON Web Key Set.
 */
export const zJwks = z.object({
    keys: z.array(zJwk)
});

/**
 * 令牌撤销请求（RFC 7009）/ Token revocation request (RFC 7009), with the client's credentials.
 */
export const zTokenRevocationRequest = z.object({
    token: z.string().min(1).max(4096),
    token_type_hint: z.string().max(64).optional(),
    client_id: z.string().min(1).max(128),
    client_secret: z.string().min(1).max(512)
});

/**
 * 客户端 ID / Client id.
 */
export const zClientId = z.string().min(1).max(128);

/**
 * 部门的客户端（从不含密钥）/ A client of a department; never its secret.
 */
export const zClient = z.strictObject({
    clientId: zClientId,
    departmentId: zDepartmentId,
    createdAt: zTimestamp,
    rotatedAt: zTimestamp.nullable(),
    revokedAt: zTimestamp.nullable(),
    previousSecretExpiresAt: zTimestamp.nullable()
});

/**
 * 客户端列表的一页 / A page of clients.
 */
export const zClientList = z.object({
    items: z.array(zClient),
    nextCursor: zNextCursor
});

/**
 * 客户端及其新密钥——仅此一次 / A client and its new secret, shown this once and never again.
 */
export const zClientSecretIssued = z.strictObject({
    client: zClient,
    clientSecret: z.string().min(32).max(512)
});

/**
 * 密钥轮换 / Rotating a secret.
 */
export const zRotateClientSecretRequest = z.strictObject({
    graceSeconds: z.int().gte(0).lte(2592000).optional().default(86400)
});

/**
 * 删除一个数据主体 / Erasing a data subject.
 */
export const zErasureRequest = z.strictObject({
    subject: z.string().min(1).max(128),
    reason: z.string().min(1).max(500),
    resources: z.array(zResourceCode).min(1).max(100).optional(),
    dryRun: z.boolean().optional()
});

/**
 * 一个资源中删除的内容 / What was erased in one resource.
 */
export const zErasedResource = z.object({
    resource: zResourceCode,
    records: z.int().gte(0),
    versions: z.int().gte(0)
});

/**
 * 删除结果 / What an erasure did, or would do.
 */
export const zErasure = z.object({
    dryRun: z.boolean(),
    subjectDigest: z.string().regex(/^[0-9a-f]{64}$/),
    at: zTimestamp,
    resources: z.array(zErasedResource),
    records: z.int().gte(0),
    versions: z.int().gte(0)
});

/**
 * 一次压缩 / One compaction of the change feed.
 */
export const zCompaction = z.object({
    retentionDays: z.int().gte(1),
    before: zTimestamp,
    versions: z.int().gte(0)
});

/**
 * provider 提供方；consumer 使用方；authority 管理方（大数据局）；vendor 软件厂商 / Role.
 */
export const zDepartmentRole = z.enum([
    'provider',
    'consumer',
    'authority',
    'vendor'
]);

/**
 * 政务部门 / A department (a client of the exchange).
 */
export const zDepartment = z.object({
    id: zDepartmentId,
    name: z.string().min(1),
    code: zCreditCode,
    roles: z.array(zDepartmentRole)
});

/**
 * 部门列表的一页 / A page of departments.
 */
export const zDepartmentList = z.object({
    items: z.array(zDepartment),
    nextCursor: zNextCursor
});

/**
 * draft 草稿；submitted 已提交；registered 已注册；published 已发布；withdrawn 已撤销 / Life-cycle status.
 */
export const zResourceStatus = z.enum([
    'draft',
    'submitted',
    'registered',
    'published',
    'withdrawn'
]);

/**
 * 共享类型
 *
 * 共享类型：unconditional = 无条件共享（1）；conditional = 有条件共享（2）；none = 不予共享（3） / Share type.
 */
export const zShareType = z.enum([
    'unconditional',
    'conditional',
    'none'
]);

/**
 * 更新周期
 *
 * 更新周期：realtime = 实时（1）；daily = 每日（2）；weekly = 每周（3）；monthly = 每月（4）；quarterly = 每季度（5）；semiannual = 每半年（6）；annual = 每年（7）；other = 其他（8） / Update cycle.
 */
export const zUpdateCycle = z.enum([
    'realtime',
    'daily',
    'weekly',
    'monthly',
    'quarterly',
    'semiannual',
    'annual',
    'other'
]);

/**
 * 提供方 / Provider name and credit code.
 */
export const zProviderRef = z.object({
    name: z.string(),
    code: zCreditCode
});

/**
 * 目录资源摘要 / Summary of a catalogue resource.
 */
export const zResourceSummary = z.object({
    code: zResourceCode,
    name: z.string(),
    provider: zProviderRef,
    status: zResourceStatus,
    shareType: zShareType,
    updateCycle: zUpdateCycle,
    updatedAt: zTimestamp,
    etag: z.string()
});

/**
 * 目录资源列表的一页 / A page of catalogue resources.
 */
export const zResourceList = z.object({
    items: z.array(zResourceSummary),
    nextCursor: zNextCursor
});

/**
 * 一次状态变更 / One life-cycle step.
 */
export const zResourceHistoryEvent = z.object({
    status: zResourceStatus,
    at: zTimestamp,
    by: zDepartmentId,
    reason: z.string().optional()
});

/**
 * 撤销原因 / Why the resource is withdrawn.
 */
export const zWithdrawRequest = z.object({
    reason: z.string().min(1).max(500)
});

/**
 * confirmed 已核实；partial 部分核实；unconfirmed 未核实 / How far the values are confirmed against the standard.
 */
export const zCodeSetStatus = z.enum([
    'confirmed',
    'partial',
    'unconfirmed'
]);

/**
 * 代码集摘要 / A code set without its codes.
 */
export const zCodeSetSummary = z.object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string(),
    title: z.string(),
    titleEn: z.string().optional(),
    version: z.string(),
    source: z.string(),
    status: zCodeSetStatus,
    count: z.int().gte(0).optional(),
    note: z.string().optional()
});

/**
 * 一个代码 / One code.
 */
export const zCode = z.looseObject({
    code: z.string(),
    label: z.string(),
    labelEn: z.string().optional(),
    aliases: z.array(z.string()).optional(),
    alpha: z.string().optional(),
    alpha2: z.string().optional(),
    alpha3: z.string().optional(),
    numeric: z.string().optional(),
    parent: z.string().optional(),
    level: z.enum([
        'province',
        'prefecture',
        'county'
    ]).optional(),
    confirmed: z.boolean().optional()
});

/**
 * 代码集及其代码 / A code set with its codes.
 */
export const zCodeSet = zCodeSetSummary.and(z.object({
    codes: z.array(zCode)
}));

/**
 * 代码集列表的一页 / A page of code sets.
 */
export const zCodeSetList = z.object({
    items: z.array(zCodeSetSummary),
    nextCursor: zNextCursor
});

/**
 * 信息项取值 / Value of one item.
 */
export const zRecordValue = z.union([
    z.string(),
    z.number(),
    z.boolean()
]).nullable();

/**
 * 一条记录：信息项键 → 值 / One record: item key → value.
 */
export const zDataRecord = z.record(z.string(), zRecordValue);

/**
 * 记录主键：主键项 → 值 / Key of a record: key item → value.
 */
export const zRecordKey = z.record(z.string(), z.union([
    z.string(),
    z.number()
]));

/**
 * 一批操作（最多 5000 个）/ A batch of at most 5,000 operations.
 */
export const zBatchRequest = z.strictObject({
    upsert: z.array(zDataRecord).max(5000).optional(),
    delete: z.array(zRecordKey).max(5000).optional()
});

/**
 * upsert 新增或更新；delete 删除 / Operation kind.
 */
export const zBatchOp = z.enum(['upsert', 'delete']);

/**
 * 一条记录的拒收原因 / Why a record was rejected.
 */
export const zRecordError = z.object({
    field: z.string(),
    rule: z.string(),
    value: z.unknown().optional(),
    message: z.string(),
    zh: z.string()
});

/**
 * 一个操作的结果 / Outcome of one operation.
 */
export const zBatchItemResult = z.object({
    index: z.int().gte(0),
    op: zBatchOp,
    status: z.enum(['accepted', 'rejected']),
    errors: z.array(zRecordError).optional()
});

/**
 * 交付回执（Ed25519 签名）/ Signed proof of delivery. `hash` covers the accepted operations;
 * `signature` covers the RFC 8785 canonical JSON of this object without `signature`.
 *
 */
export const zReceipt = z.object({
    kid: z.string(),
    alg: z.literal('Ed25519'),
    resource: zResourceCode,
    batchId: z.string(),
    idempotencyKey: z.string(),
    count: z.int().gte(0),
    accepted: z.int().gte(0),
    rejected: z.int().gte(0),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    serverTime: zTimestamp,
    signature: z.string().regex(/^[A-Za-z0-9_-]+$/)
});

/**
 * 批次结果与签名回执 / Outcome of a batch, with its signed receipt.
 */
export const zBatchResult = z.object({
    batchId: z.string(),
    resource: zResourceCode,
    accepted: z.int().gte(0),
    rejected: z.int().gte(0),
    results: z.array(zBatchItemResult),
    receipt: zReceipt
});

/**
 * 记录查询结果的一页 / A page of records.
 */
export const zRecordList = z.object({
    items: z.array(zDataRecord),
    nextCursor: zNextCursor
});

/**
 * 变更流中的一项；删除以墓碑表示 / One change; deletes are tombstones without `record`.
 */
export const zChange = z.object({
    seq: z.int().gte(1),
    op: zBatchOp,
    key: zRecordKey,
    record: zDataRecord.optional(),
    at: zTimestamp
});

/**
 * 变更流的一页 / A page of the change feed.
 */
export const zChangeList = z.object({
    items: z.array(zChange),
    nextCursor: zNextCursor
});

/**
 * pending 待审批；approved 已同意；refused 已拒绝 / Status.
 */
export const zShareRequestStatus = z.enum([
    'pending',
    'approved',
    'refused'
]);

/**
 * 共享申请 / A request to read a conditionally shared resource.
 */
export const zShareRequestCreate = z.strictObject({
    resource: zResourceCode,
    purpose: z.string().min(1).max(1000)
});

/**
 * 共享申请 / A share request.
 */
export const zShareRequest = z.object({
    id: z.string(),
    resource: zResourceCode,
    consumer: zDepartmentId,
    provider: zDepartmentId,
    purpose: z.string(),
    status: zShareRequestStatus,
    reason: z.string().optional(),
    createdAt: zTimestamp,
    decidedAt: zTimestamp.optional()
});

/**
 * 共享申请列表的一页 / A page of share requests.
 */
export const zShareRequestList = z.object({
    items: z.array(zShareRequest),
    nextCursor: zNextCursor
});

/**
 * 拒绝理由 / Why the request is refused.
 */
export const zRefuseRequest = z.strictObject({
    reason: z.string().min(1).max(1000)
});

/**
 * 客户端拒收（未发送）的行 / Rows refused by the client's own checks, so never sent.
 */
export const zRefusedLocally = z.strictObject({
    total: z.int().gte(0).lte(9007199254740991),
    byReason: z.record(z.string(), z.int().gte(0).lte(9007199254740991))
});

/**
 * 一次同步运行在客户端的数字 / The figures of one sync run, as the client counted them.
 */
export const zSyncRunReport = z.strictObject({
    runId: z.string().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/).optional(),
    mode: z.enum([
        'full',
        'incremental',
        'snapshot'
    ]).optional(),
    rowsRead: z.int().gte(0).lte(9007199254740991),
    accepted: z.int().gte(0).lte(9007199254740991),
    refusedLocally: zRefusedLocally,
    startedAt: zTimestamp.optional(),
    finishedAt: zTimestamp.optional()
});

/**
 * 已记录的同步运行报告 / A recorded sync run report.
 */
export const zSyncRun = z.object({
    id: z.string(),
    resource: zResourceCode,
    receivedAt: zTimestamp,
    report: zSyncRunReport
});

/**
 * 数据元素标识（数据元素字典中的 ID）/ A data element's id in the data-element dictionary.
 */
export const zDataElementId = z.string().max(100).regex(/^[a-z]+(\.[a-z0-9-]+)+$/);

/**
 * 资源及其提供方 / A resource and its provider.
 */
export const zConflictSource = z.strictObject({
    code: zResourceCode,
    provider: zProviderRef
});

/**
 * 一个不一致的主体 / One subject the two sources disagree on.
 */
export const zConflictExample = z.strictObject({
    subject: z.string(),
    left: z.string(),
    right: z.string()
});

/**
 * 一个数据元素上的不一致 / Disagreement on one data element.
 */
export const zElementConflict = z.strictObject({
    element: zDataElementId,
    leftItem: z.string(),
    rightItem: z.string(),
    compared: z.int().gte(0),
    count: z.int().gte(0),
    authoritative: zConflictSource.nullable(),
    examples: z.array(zConflictExample).max(20),
    examplesWithheld: z.boolean().optional()
});

/**
 * 两个资源之间的比对 / The comparison of two resources.
 */
export const zConflictPair = z.strictObject({
    left: zConflictSource,
    right: zConflictSource,
    subjectElement: z.enum(['person.id-number', 'org.uscc']),
    subjectsCompared: z.int().gte(0),
    conflicts: z.array(zElementConflict)
});

/**
 * 多元校核：来源之间的冲突 / Conflicts between sources, per pair of published resources.
 */
export const zQualityConflicts = z.strictObject({
    pairs: z.array(zConflictPair)
});

/**
 * 一个信息项的填充情况 / Fill rate of one item.
 */
export const zItemCompleteness = z.object({
    item: z.string(),
    filled: z.int().gte(0),
    ratio: z.number().gte(0).lte(1)
});

/**
 * 资源数据质量 / Data quality of a resource.
 */
export const zQuality = z.object({
    resource: zResourceCode,
    records: z.int().gte(0),
    completeness: z.array(zItemCompleteness),
    rejectRate: z.number().gte(0).lte(1),
    rowsRead: z.int().gte(0),
    refusedLocally: zRefusedLocally,
    rejectedByExchange: z.int().gte(0),
    rowRejectRate: z.number().gte(0).lte(1),
    lastPushAt: zTimestamp.nullable(),
    updateCycle: zUpdateCycle,
    stale: z.boolean(),
    staleSince: zTimestamp.optional()
});

/**
 * 审计事件 / One audited read or write. A request that authenticated nobody (a failed login, a forged
 * token, a bad signature) has no `department`; it carries the `reason` and the `sourceAddress` instead, and
 * only an `authority` sees it.
 *
 */
export const zAuditEvent = z.object({
    id: z.string(),
    at: zTimestamp,
    department: zDepartmentId.optional(),
    clientId: z.string().max(128).optional(),
    reason: z.string().regex(/^[a-z_]{1,40}$/).optional(),
    sourceAddress: z.string().max(64).optional(),
    action: z.string().regex(/^[a-z_-]+\.[a-z_-]+$/),
    resource: zResourceCode.optional(),
    status: z.int().gte(100).lte(599),
    requestId: zRequestId,
    detail: z.record(z.string(), z.unknown()).optional()
});

/**
 * 审计事件的一页 / A page of audit events.
 */
export const zAuditEventList = z.object({
    items: z.array(zAuditEvent),
    nextCursor: zNextCursor
});

/**
 * 运行状态 / Service health.
 */
export const zHealth = z.object({
    status: z.literal('ok'),
    version: z.string()
});

/**
 * 数据类型
 *
 * 数据类型：C = 字符型；N = 数值型；Y = 货币型；D = 日期型；T = 日期时间型；L = 逻辑型；M = 备注型；G = 通用型；B = 双精度型；I = 整型；F = 浮点型 / National data type letter.
 */
export const zItemDataType = z.enum([
    'C',
    'N',
    'Y',
    'D',
    'T',
    'L',
    'M',
    'G',
    'B',
    'I',
    'F'
]);

/**
 * 共享方式
 *
 * 共享方式分类及共享方式类型。 / How the resource is shared.
 */
export const zShareMethod = z.object({
    class: z.enum(['platform', 'offline']),
    type: z.enum([
        'api',
        'database',
        'file'
    ]).optional()
});

/**
 * 开放类型
 *
 * 开放类型：unconditional = 无条件开放（1）；conditional = 有条件开放（2）；none = 不予开放（3） / Open type.
 */
export const zOpenType = z.enum([
    'unconditional',
    'conditional',
    'none'
]);

/**
 * 信息资源提供方
 *
 * 提供该信息资源的政务部门。 / The department that provides the resource.
 */
export const zResourceProvider = z.object({
    name: z.string().min(1).max(200),
    code: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/),
    unit: z.string().max(200).optional()
});

/**
 * 信息资源分类
 *
 * 资源属性分类（类）及主题标签。 / Classification of the resource.
 */
export const zResourceClassification = z.object({
    class: z.enum([
        'basic',
        'theme',
        'department'
    ]),
    topic: z.string().max(100).optional()
});

/**
 * 信息资源格式
 *
 * 信息资源的存储格式：格式分类及格式类型。 / Storage format: class and sub-type.
 */
export const zResourceFormat = z.object({
    class: z.enum([
        'file',
        'spreadsheet',
        'database',
        'image',
        'media',
        'self-describing',
        'service'
    ]),
    type: z.string().min(1).max(50).optional(),
    note: z.string().max(500).optional()
});

/**
 * 信息项
 *
 * 一个数据项：名称、记录中的 JSON 键、数据类型、长度等。 / One information item.
 */
export const zInformationItem = z.object({
    name: z.string().min(1).max(100),
    key: z.string().max(64).regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
    type: zItemDataType,
    length: z.int().gte(1).lte(1000000).optional(),
    codeset: z.string().min(1).max(50).optional(),
    required: z.boolean().optional(),
    source: z.literal('authoritative').optional(),
    element: z.string().max(100).regex(/^[a-z]+(\.[a-z0-9-]+)+$/).optional(),
    check: z.array(z.enum([
        'idcard',
        'uscc',
        'orgcode',
        'region',
        'phone'
    ])).optional(),
    description: z.string().max(500).optional()
});

/**
 * 共享属性
 *
 * 共享类型、共享条件（或不予共享依据）和共享方式。 / Sharing attributes.
 */
export const zShareAttributes = z.object({
    type: zShareType,
    condition: z.string().max(500).optional(),
    method: zShareMethod.optional()
});

/**
 * 开放属性
 *
 * 向社会开放的类型和条件。 / Openness to the public.
 */
export const zOpenAttributes = z.object({
    type: zOpenType,
    condition: z.string().max(500).optional(),
    topic: z.string().max(100).optional()
});

/**
 * 涉密属性
 *
 * 涉密属性（《政务信息资源目录编制指南（试行）》的涉密属性分类，可选，缺省视为非涉密）：non-classified = 非涉密；classified = 涉密。涉密政务信息资源不得通过共享平台共享或向社会开放（规则 secrecy/classified-shared）。 / Whether the resource is classified (optional; absent means not classified). A classified resource is never shared on the platform nor opened.
 */
export const zSecrecy = z.enum(['non-classified', 'classified']);

/**
 * 业务事项
 *
 * 资源支撑的一项政务服务事项或权力事项：事项编码、名称、类别（service 政务服务事项，power 权力事项）。 / A government service or power the resource supports: its code, name and kind.
 */
export const zBusinessMatter = z.strictObject({
    code: z.string().min(1).max(64).optional(),
    name: z.string().min(1).max(200),
    kind: z.enum(['service', 'power']).optional()
});

/**
 * 政务信息资源目录条目 / Catalogue entry
 *
 * 一个政务信息资源的目录元数据（发改高技〔2017〕1272号《政务信息资源目录编制指南（试行）》核心元数据），每个资源一个 YAML 文件。未定义的键由规则 schema/unknown-field 报告（警告），因此对象不禁止额外属性。 / One information resource described to the national catalogue rules; one YAML file per resource.
 */
export const zCatalogEntry = z.object({
    apiVersion: z.literal('unsilo/v1'),
    kind: z.literal('InformationResource'),
    code: zResourceCode,
    name: z.string().min(1).max(200),
    provider: zResourceProvider,
    classification: zResourceClassification,
    summary: z.string().min(1).max(2000),
    format: zResourceFormat,
    items: z.array(zInformationItem).optional(),
    key: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).min(1).optional(),
    share: zShareAttributes,
    open: zOpenAttributes,
    secrecy: zSecrecy.optional(),
    updateCycle: zUpdateCycle,
    updateCycleNote: z.string().max(200).optional(),
    publishedAt: z.iso.date(),
    related: z.array(zResourceCode).optional(),
    businessMatters: z.array(z.union([z.string().min(1).max(200), zBusinessMatter])).optional(),
    system: z.string().min(1).max(100).optional()
});

/**
 * 现行发布版本 / The version in force while a change to a published entry waits for review. Present only
 * in the provider's and the authority's view of a `submitted` or `registered` resource that was published
 * before; other departments see this version as the resource itself.
 *
 */
export const zPublishedVersion = z.object({
    entry: zCatalogEntry,
    publishedAt: zTimestamp
});

/**
 * 目录资源 / A catalogue resource: its entry and life-cycle state.
 */
export const zResource = z.object({
    code: zResourceCode,
    status: zResourceStatus,
    entry: zCatalogEntry,
    providerId: zDepartmentId,
    createdAt: zTimestamp,
    updatedAt: zTimestamp,
    etag: z.string(),
    diagnostics: z.array(zProblemDetailItem).optional(),
    history: z.array(zResourceHistoryEvent).optional(),
    published: zPublishedVersion.optional()
});

/**
 * 转换
 *
 * trim 去首尾空白；upper/lower 大小写；halfwidth 全角转半角；idcard18 将 15 位身份证号升为 18 位；number 规范数值（{number: {decimalSeparator}} 指定小数点）；{date: [格式…]} 按格式（YYYY、M、MM、D、DD 及字面字符，或 excel 序列日期）依次尝试解析并输出 YYYY-MM-DD；{default: 值} 空值时填入；{replace: {pattern, with, flags}} 正则替换（默认 flags 为 g）。 / Value transforms.
 */
export const zMappingTransform = z.union([
    z.literal('trim'),
    z.literal('upper'),
    z.literal('lower'),
    z.literal('halfwidth'),
    z.literal('idcard18'),
    z.literal('number'),
    z.strictObject({
        date: z.union([
            z.string().min(1),
            z.array(z.string().min(1)).min(1)
        ])
    }),
    z.strictObject({
        number: z.strictObject({
            decimalSeparator: z.string().length(1).optional()
        })
    }),
    z.strictObject({
        default: z.union([
            z.string(),
            z.number()
        ])
    }),
    z.strictObject({
        replace: z.strictObject({
            pattern: z.string().min(1),
            with: z.string(),
            flags: z.string().regex(/^[dgimsuy]*$/).optional()
        })
    })
]);

/**
 * 代码转换
 *
 * 把遗留代码转换为标准代码：对照表（遗留值 → 标准代码），或 {codeset, by} 通过代码集转换（by: name 按名称/别名或代码，默认；code 仅接受代码本身），或 identity（源数据已使用目录信息项的国家标准代码，原样通过，仍校验是否属于该代码集）。未覆盖的值使该行被拒收，绝不原样通过。 / Legacy value → standard code: a table, or a code-set lookup (`by: name`, the default, accepts labels and codes; `code` only codes), or `identity`: the source already uses the national codes of the item's code set (values pass unchanged and are still checked for membership). An uncovered value rejects the row.
 */
export const zMappingCodeTranslation = z.union([
    z.record(z.string(), z.string()),
    z.strictObject({
        codeset: z.string().min(1),
        by: z.enum(['name', 'code']).optional().default('name')
    }),
    z.literal('identity')
]);

/**
 * 校验
 *
 * idcard 公民身份号码（GB 11643，MOD 11-2，出生日期、省份）；uscc 统一社会信用代码（GB 32100；第 9–17 位主体标识码不符合 GB 11714 时默认警告，{uscc: {embeddedOrgcode: error}} 改为拒收）；orgcode 组织机构代码（GB 11714）；region 行政区划代码（GB/T 2260）；phone 电话号码；date ISO 日期；{length: n 或 {min, max}} 长度；{pattern: 正则} 格式。 / Validators.
 */
export const zMappingCheck = z.union([
    z.literal('idcard'),
    z.literal('uscc'),
    z.literal('orgcode'),
    z.literal('region'),
    z.literal('phone'),
    z.literal('date'),
    z.strictObject({
        uscc: z.strictObject({
            embeddedOrgcode: z.enum([
                'warning',
                'error',
                'off'
            ]).optional()
        })
    }),
    z.strictObject({
        length: z.union([
            z.int().gte(0),
            z.strictObject({
                min: z.int().gte(0).optional(),
                max: z.int().gte(0).optional()
            })
        ])
    }),
    z.strictObject({
        pattern: z.string().min(1)
    })
]);

/**
 * 数据来源
 *
 * 输入文件的格式与编码。 / Format and encoding of the input.
 */
export const zMappingSource = z.strictObject({
    format: z.enum([
        'csv',
        'ndjson',
        'xlsx'
    ]),
    encoding: z.enum([
        'utf-8',
        'gbk',
        'gb18030',
        'auto'
    ]).optional().default('auto'),
    delimiter: z.string().length(1).optional().default(','),
    sheet: z.union([
        z.string().min(1),
        z.int().gte(1)
    ]).optional(),
    headerRow: z.int().gte(1).lte(1000).optional().default(1),
    sample: z.string().min(1).optional()
});

/**
 * 字段规则
 *
 * 取值方式：from（源列；列表表示按 separator 拼接多列，空值跳过）或 value（常量），或仅有 default；随后依次执行 transform、codes 和 check。 / Read from a column (a list concatenates columns with `separator`, skipping empty ones) or a constant `value`, or only a `default`; then transform, codes and check run in order.
 */
export const zMappingFieldRule = z.strictObject({
    from: z.union([
        z.string().min(1),
        z.array(z.string().min(1)).min(1)
    ]).optional(),
    separator: z.string().optional(),
    value: z.union([
        z.string(),
        z.number(),
        z.boolean()
    ]).optional(),
    default: z.union([
        z.string(),
        z.number(),
        z.boolean()
    ]).optional(),
    transform: z.union([
        zMappingTransform,
        z.array(zMappingTransform)
    ]).optional(),
    codes: zMappingCodeTranslation.optional(),
    check: z.union([
        zMappingCheck,
        z.array(zMappingCheck)
    ]).optional()
});

/**
 * 跨字段校核
 *
 * idcard-consistent：性别与身份证号第 17 位一致、出生日期与第 7–14 位一致。 / idcard-consistent: sex agrees with the ID's 17th digit, birth date with digits 7–14.
 */
export const zMappingCrossCheck = z.strictObject({
    'idcard-consistent': z.strictObject({
        idcard: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
        sex: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
        birthDate: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional()
    })
});

/**
 * 字段映射 / Field mapping
 *
 * 把遗留系统导出文件（CSV、NDJSON、XLSX）的行转换为某一目录资源的标准记录。 / Turns rows of a legacy export into records of one catalogue resource.
 */
export const zFieldMapping = z.strictObject({
    apiVersion: z.literal('unsilo/v1'),
    kind: z.literal('FieldMapping'),
    resource: zResourceCode,
    source: zMappingSource,
    key: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).min(1).optional(),
    fields: z.record(z.string(), zMappingFieldRule),
    checks: z.array(zMappingCrossCheck).optional()
});

/**
 * 规则级别
 *
 * off 关闭；info 提示；warning 警告；error 错误。 / Rule severity.
 */
export const zRuleSeverity = z.enum([
    'off',
    'info',
    'warning',
    'error'
]);

/**
 * 评价权重
 *
 * 非负数；0 表示不计入该指标。 / A non-negative number; 0 leaves the component out.
 */
export const zEvaluationWeight = z.number().gte(0);

/**
 * 名册中的部门
 */
export const zRosterDepartment = z.strictObject({
    name: z.string().min(1).max(200),
    code: z.string().regex(/^[0-9A-Z]{18}$/).optional()
});

/**
 * 清单文件
 *
 * 相对于配置文件所在目录的文件（YAML、JSON 或 CSV）。 / A file relative to the config's folder (YAML, JSON or CSV).
 */
export const zListFile = z.strictObject({
    file: z.string().min(1)
});

/**
 * 信息系统
 */
export const zInformationSystem = z.strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/),
    name: z.string().min(1).max(200),
    department: z.string().min(1).optional(),
    builtBy: z.string().optional(),
    connected: z.boolean().optional(),
    scope: z.string().optional()
});

/**
 * 事项
 */
export const zMatterListEntry = z.strictObject({
    code: z.string().min(1),
    name: z.string().min(1),
    needs: z.array(z.string().min(1)).optional()
});

/**
 * Unsilo 工作区配置 / Workspace configuration
 *
 * 工作区根目录的 unsilo.config.yaml：规则级别、允许名单、忽略的文件和交换平台地址。密钥不写入此文件。 / unsilo.config.yaml at the workspace root; never holds secrets.
 */
export const zUnsiloConfig = z.strictObject({
    lint: z.strictObject({
        rules: z.object({
            'schema/required': zRuleSeverity.optional(),
            'schema/unknown-field': zRuleSeverity.optional(),
            'schema/enum': zRuleSeverity.optional(),
            'code/format': zRuleSeverity.optional(),
            'code/segment-zero': zRuleSeverity.optional(),
            'code/class-mismatch': zRuleSeverity.optional(),
            'code/duplicate': zRuleSeverity.optional(),
            'name/duplicate': zRuleSeverity.optional(),
            'name/whitespace': zRuleSeverity.optional(),
            'provider/code-checksum': zRuleSeverity.optional(),
            'classification/library-unknown': zRuleSeverity.optional(),
            'share/condition-required': zRuleSeverity.optional(),
            'share/condition-placeholder': zRuleSeverity.optional(),
            'share/basis-required': zRuleSeverity.optional(),
            'share/basis-not-legal': zRuleSeverity.optional(),
            'share/method-required': zRuleSeverity.optional(),
            'share/method-format-mismatch': zRuleSeverity.optional(),
            'share/service-as-file': zRuleSeverity.optional(),
            'share/personal-data-unconditional': zRuleSeverity.optional(),
            'open/requires-share': zRuleSeverity.optional(),
            'open/wider-than-share': zRuleSeverity.optional(),
            'open/condition-required': zRuleSeverity.optional(),
            'secrecy/classified-shared': zRuleSeverity.optional(),
            'open/condition-placeholder': zRuleSeverity.optional(),
            'items/duplicate': zRuleSeverity.optional(),
            'items/length-required': zRuleSeverity.optional(),
            'items/identifier-format': zRuleSeverity.optional(),
            'items/codeset-unknown': zRuleSeverity.optional(),
            'items/codeset-suggested': zRuleSeverity.optional(),
            'items/element-unknown': zRuleSeverity.optional(),
            'items/element-suggested': zRuleSeverity.optional(),
            'date/format': zRuleSeverity.optional(),
            'date/published-range': zRuleSeverity.optional(),
            'summary/too-short': zRuleSeverity.optional(),
            'update-cycle/other-needs-note': zRuleSeverity.optional(),
            'related/unresolved': zRuleSeverity.optional(),
            'single-source/conflict': zRuleSeverity.optional(),
            'system/unknown': zRuleSeverity.optional(),
            'yaml/syntax': zRuleSeverity.optional()
        }).optional(),
        allow: z.strictObject({
            providerCodes: z.array(z.string().regex(/^[0-9A-Z]{18}$/)).optional()
        }).optional(),
        libraries: z.strictObject({
            basic: z.array(z.string().min(1)).optional(),
            theme: z.array(z.string().min(1)).optional()
        }).optional(),
        ignore: z.array(z.string().min(1)).optional()
    }).optional(),
    timeZone: z.string().min(1).optional(),
    evaluation: z.strictObject({
        weights: z.strictObject({
            coverage: zEvaluationWeight.optional(),
            completeness: zEvaluationWeight.optional(),
            conformance: zEvaluationWeight.optional(),
            freshness: zEvaluationWeight.optional(),
            rejects: zEvaluationWeight.optional(),
            turnaround: zEvaluationWeight.optional(),
            conflicts: zEvaluationWeight.optional(),
            sharing: zEvaluationWeight.optional()
        }).optional(),
        targets: z.strictObject({
            entries: z.int().gte(1).optional(),
            entriesPerDepartment: z.int().gte(1).optional(),
            rowRejectRate: z.number().gt(0).lte(1).optional(),
            turnaroundHours: z.number().gt(0).optional(),
            conflictRate: z.number().gt(0).lte(1).optional()
        }).optional()
    }).optional(),
    exchange: z.strictObject({
        url: z.url().regex(/^https?:\/\//).optional(),
        clientId: z.string().min(1).max(128).optional()
    }).optional(),
    departments: z.union([
        z.array(zRosterDepartment),
        zListFile
    ]).optional(),
    systems: z.union([
        z.array(zInformationSystem),
        zListFile
    ]).optional(),
    services: z.union([
        z.array(zMatterListEntry),
        zListFile
    ]).optional(),
    powers: z.union([
        z.array(zMatterListEntry),
        zListFile
    ]).optional()
});

/**
 * 信息资源代码，"/" 编码为 %2F / Resource code; the "/" travels percent-encoded as `%2F`.
 */
export const zResourceCodeParam = zResourceCode;

/**
 * 部门 ID / Department id.
 */
export const zDepartmentIdParam = zDepartmentId;

/**
 * 客户端 ID / Client id.
 */
export const zClientIdParam = zClientId;

/**
 * 代码集 ID / Code set id.
 */
export const zCodeSetIdParam = z.string().max(64).regex(/^[a-z0-9-]+$/);

/**
 * 共享申请 ID / Share request id.
 */
export const zShareRequestIdParam = z.string().min(1).max(64);

/**
 * 每页条数 / Page size (1..1000).
 */
export const zLimitParam = z.int().gte(1).lte(1000).default(100);

/**
 * 上一页返回的 nextCursor（不透明）/ The `nextCursor` of the previous page (opaque).
 */
export const zCursorParam = zCursor;

/**
 * 当前 ETag / The resource's current `ETag`. Without it the change is refused with 428
 * `precondition.required`; when it no longer matches, 412 `precondition.failed`.
 *
 */
export const zIfMatchHeader = z.string().min(1);

/**
 * 已有的 ETag；未变化时返回 304 / A known `ETag`; 304 when unchanged.
 */
export const zIfNoneMatchHeader = z.string().min(1);

/**
 * 幂等键 / Idempotency key (1..255 characters). The same key with the same body replays the first
 * answer; with another body it is a 409 `idempotency.conflict`; absent, a 400 `idempotency.key_required`.
 *
 */
export const zIdempotencyKeyHeader = z.string().min(1).max(255);

/**
 * 请求 ID，服务端原样返回 / Request id, echoed on the response (generated when absent or outside 1..128 of `A-Z a-z 0-9 . _ ~ : / + = @ -`).
 */
export const zRequestIdHeader = zRequestId;

/**
 * 客户端凭证 / Client credentials.
 */
export const zIssueTokenBody = zTokenRequest;

export const zIssueTokenHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

/**
 * 访问令牌 / The token.
 */
export const zIssueTokenResponse = zTokenResponse;

export const zGetReceiptKeysHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

/**
 * 公钥集合 / The key set.
 */
export const zGetReceiptKeysResponse = zJwks;

/**
 * 要撤销的令牌与客户端凭证 / The token and the client's credentials.
 */
export const zRevokeTokenBody = zTokenRevocationRequest;

export const zRevokeTokenHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zGetMeHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

/**
 * 当前部门 / The caller.
 */
export const zGetMeResponse = zDepartment;

export const zListDepartmentsHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zListDepartmentsQuery = z.object({
    role: zDepartmentRole.optional(),
    limit: z.int().gte(1).lte(1000).optional().default(100),
    cursor: zCursor.optional()
});

/**
 * 部门列表 / A page of departments.
 */
export const zListDepartmentsResponse = zDepartmentList;

export const zGetDepartmentHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zGetDepartmentPath = z.object({
    departmentId: zDepartmentId
});

/**
 * 部门 / The department.
 */
export const zGetDepartmentResponse = zDepartment;

export const zListClientsHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zListClientsPath = z.object({
    departmentId: zDepartmentId
});

export const zListClientsQuery = z.object({
    limit: z.int().gte(1).lte(1000).optional().default(100),
    cursor: zCursor.optional()
});

/**
 * 客户端列表 / A page of clients.
 */
export const zListClientsResponse = zClientList;

export const zCreateClientHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zCreateClientPath = z.object({
    departmentId: zDepartmentId
});

/**
 * 新客户端及其密钥（仅此一次）/ The new client and its secret, shown this once.
 */
export const zCreateClientResponse = zClientSecretIssued;

/**
 * 旧密钥的宽限期；`{}` 取默认值 / How long the previous secret stays valid; `{}` for the default.
 */
export const zRotateClientSecretBody = zRotateClientSecretRequest;

export const zRotateClientSecretHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zRotateClientSecretPath = z.object({
    clientId: zClientId
});

/**
 * 新密钥（仅此一次）/ The new secret, shown this once.
 */
export const zRotateClientSecretResponse = zClientSecretIssued;

export const zRevokeClientHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zRevokeClientPath = z.object({
    clientId: zClientId
});

/**
 * 已吊销的客户端 / The revoked client.
 */
export const zRevokeClientResponse = zClient;

export const zListResourcesHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zListResourcesQuery = z.object({
    provider: z.string().min(1).max(64).optional(),
    status: zResourceStatus.optional(),
    shareType: zShareType.optional(),
    q: z.string().min(1).max(200).optional(),
    limit: z.int().gte(1).lte(1000).optional().default(100),
    cursor: zCursor.optional()
});

/**
 * 目录资源列表 / A page of resources.
 */
export const zListResourcesResponse = zResourceList;

/**
 * 目录条目 / The catalogue entry.
 */
export const zCreateResourceBody = zCatalogEntry;

export const zCreateResourceHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

/**
 * 新建的草稿 / The new draft.
 */
export const zCreateResourceResponse = zResource;

export const zGetResourceHeaders = z.object({
    'X-Request-Id': zRequestId.optional(),
    'If-None-Match': z.string().min(1).optional()
});

export const zGetResourcePath = z.object({
    code: zResourceCode
});

/**
 * 目录资源 / The resource.
 */
export const zGetResourceResponse = zResource;

/**
 * 目录条目 / The catalogue entry.
 */
export const zUpdateResourceBody = zCatalogEntry;

export const zUpdateResourceHeaders = z.object({
    'X-Request-Id': zRequestId.optional(),
    'If-Match': z.string().min(1)
});

export const zUpdateResourcePath = z.object({
    code: zResourceCode
});

/**
 * 更新后的资源 / The updated resource.
 */
export const zUpdateResourceResponse = zResource;

export const zSubmitResourceHeaders = z.object({
    'X-Request-Id': zRequestId.optional(),
    'If-Match': z.string().min(1)
});

export const zSubmitResourcePath = z.object({
    code: zResourceCode
});

/**
 * 新状态的资源 / The resource in its new status.
 */
export const zSubmitResourceResponse = zResource;

export const zRegisterResourceHeaders = z.object({
    'X-Request-Id': zRequestId.optional(),
    'If-Match': z.string().min(1)
});

export const zRegisterResourcePath = z.object({
    code: zResourceCode
});

/**
 * 新状态的资源 / The resource in its new status.
 */
export const zRegisterResourceResponse = zResource;

export const zPublishResourceHeaders = z.object({
    'X-Request-Id': zRequestId.optional(),
    'If-Match': z.string().min(1)
});

export const zPublishResourcePath = z.object({
    code: zResourceCode
});

/**
 * 新状态的资源 / The resource in its new status.
 */
export const zPublishResourceResponse = zResource;

/**
 * 撤销原因 / The reason.
 */
export const zWithdrawResourceBody = zWithdrawRequest;

export const zWithdrawResourceHeaders = z.object({
    'X-Request-Id': zRequestId.optional(),
    'If-Match': z.string().min(1)
});

export const zWithdrawResourcePath = z.object({
    code: zResourceCode
});

/**
 * 新状态的资源 / The resource in its new status.
 */
export const zWithdrawResourceResponse = zResource;

/**
 * 操作 / The operations.
 */
export const zBatchRecordsBody = zBatchRequest;

export const zBatchRecordsHeaders = z.object({
    'X-Request-Id': zRequestId.optional(),
    'Idempotency-Key': z.string().min(1).max(255)
});

export const zBatchRecordsPath = z.object({
    code: zResourceCode
});

/**
 * 批次结果与回执 / The outcome and its receipt.
 */
export const zBatchRecordsResponse = zBatchResult;

export const zQueryRecordsHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zQueryRecordsPath = z.object({
    code: zResourceCode
});

export const zQueryRecordsQuery = z.object({
    filter: z.record(z.string(), z.string()).optional(),
    limit: z.int().gte(1).lte(1000).optional().default(100),
    cursor: zCursor.optional()
});

/**
 * 记录 / A page of records.
 */
export const zQueryRecordsResponse = zRecordList;

export const zListChangesHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zListChangesPath = z.object({
    code: zResourceCode
});

export const zListChangesQuery = z.object({
    after: zCursor.optional(),
    limit: z.int().gte(1).lte(1000).optional().default(100)
});

/**
 * 变更 / A page of changes.
 */
export const zListChangesResponse = zChangeList;

export const zGetQualityHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zGetQualityPath = z.object({
    code: zResourceCode
});

/**
 * 数据质量 / The quality figures.
 */
export const zGetQualityResponse = zQuality;

/**
 * 运行的数字 / The run's figures.
 */
export const zReportSyncRunBody = zSyncRunReport;

export const zReportSyncRunHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zReportSyncRunPath = z.object({
    code: zResourceCode
});

/**
 * 替换了同一运行的报告 / The report replaced the earlier report of the same run.
 */
export const zReportSyncRunResponse = zSyncRun;

export const zGetQualityConflictsHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zGetQualityConflictsQuery = z.object({
    resource: zResourceCode.optional(),
    element: zDataElementId.optional(),
    examples: z.int().gte(0).lte(20).optional().default(3)
});

/**
 * 资源对之间的冲突 / The conflicts, per pair of resources.
 */
export const zGetQualityConflictsResponse = zQualityConflicts;

export const zListCodeSetsHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zListCodeSetsQuery = z.object({
    limit: z.int().gte(1).lte(1000).optional().default(100),
    cursor: zCursor.optional()
});

/**
 * 代码集 / A page of code sets.
 */
export const zListCodeSetsResponse = zCodeSetList;

export const zGetCodeSetHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zGetCodeSetPath = z.object({
    id: z.string().max(64).regex(/^[a-z0-9-]+$/)
});

/**
 * 代码集 / The code set.
 */
export const zGetCodeSetResponse = zCodeSet;

export const zListShareRequestsHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zListShareRequestsQuery = z.object({
    role: z.enum(['consumer', 'provider']).optional(),
    status: zShareRequestStatus.optional(),
    resource: zResourceCode.optional(),
    limit: z.int().gte(1).lte(1000).optional().default(100),
    cursor: zCursor.optional()
});

/**
 * 共享申请 / A page of share requests.
 */
export const zListShareRequestsResponse = zShareRequestList;

/**
 * 申请 / The request.
 */
export const zCreateShareRequestBody = zShareRequestCreate;

export const zCreateShareRequestHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

/**
 * 新申请 / The new request.
 */
export const zCreateShareRequestResponse = zShareRequest;

export const zGetShareRequestHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zGetShareRequestPath = z.object({
    id: z.string().min(1).max(64)
});

/**
 * 共享申请 / The request.
 */
export const zGetShareRequestResponse = zShareRequest;

export const zApproveShareRequestHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zApproveShareRequestPath = z.object({
    id: z.string().min(1).max(64)
});

/**
 * 已同意 / Approved.
 */
export const zApproveShareRequestResponse = zShareRequest;

/**
 * 拒绝理由 / The reason.
 */
export const zRefuseShareRequestBody = zRefuseRequest;

export const zRefuseShareRequestHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zRefuseShareRequestPath = z.object({
    id: z.string().min(1).max(64)
});

/**
 * 已拒绝 / Refused.
 */
export const zRefuseShareRequestResponse = zShareRequest;

/**
 * 要删除的主体、理由与范围 / The subject, the reason and where to look.
 */
export const zEraseSubjectBody = zErasureRequest;

export const zEraseSubjectHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

/**
 * 已删除（或 dryRun 时将删除）的内容 / What was erased (or, with dryRun, would be).
 */
export const zEraseSubjectResponse = zErasure;

export const zCompactChangesHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

/**
 * 压缩结果 / What the compaction removed.
 */
export const zCompactChangesResponse = zCompaction;

export const zListAuditEventsHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

export const zListAuditEventsQuery = z.object({
    resource: zResourceCode.optional(),
    department: zDepartmentId.optional(),
    action: z.string().regex(/^[a-z_-]+\.[a-z_-]+$/).optional(),
    since: zTimestamp.optional(),
    limit: z.int().gte(1).lte(1000).optional().default(100),
    cursor: zCursor.optional()
});

/**
 * 审计事件 / A page of events.
 */
export const zListAuditEventsResponse = zAuditEventList;

export const zGetHealthHeaders = z.object({
    'X-Request-Id': zRequestId.optional()
});

/**
 * 正常 / Healthy.
 */
export const zGetHealthResponse = zHealth;
