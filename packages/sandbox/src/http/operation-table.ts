/**
 * Each operation of the contract, with the audit action it is logged as. Method and path come from the spec's
 * generated route map; this table only adds what the spec leaves to the server.
 */
export const auditActions = {
  issueToken: 'auth.token',
  revokeToken: 'auth.revoke',
  getReceiptKeys: 'receipt_keys.get',
  getMe: 'department.me',
  listDepartments: 'department.list',
  getDepartment: 'department.get',
  createClient: 'client.create',
  listClients: 'client.list',
  rotateClientSecret: 'client.rotate',
  revokeClient: 'client.revoke',
  listResources: 'resource.list',
  createResource: 'resource.create',
  getResource: 'resource.get',
  updateResource: 'resource.update',
  submitResource: 'resource.submit',
  registerResource: 'resource.register',
  publishResource: 'resource.publish',
  withdrawResource: 'resource.withdraw',
  batchRecords: 'records.batch',
  queryRecords: 'records.query',
  listChanges: 'changes.list',
  getQuality: 'quality.get',
  reportSyncRun: 'sync_run.report',
  getQualityConflicts: 'quality.conflicts',
  listCodeSets: 'codeset.list',
  getCodeSet: 'codeset.get',
  createShareRequest: 'share_request.create',
  listShareRequests: 'share_request.list',
  getShareRequest: 'share_request.get',
  approveShareRequest: 'share_request.approve',
  refuseShareRequest: 'share_request.refuse',
  eraseSubject: 'erasure.run',
  compactChanges: 'changes.compact',
  listAuditEvents: 'audit.list',
  getHealth: 'health.get',
} as const;

export type OperationId = keyof typeof auditActions;
