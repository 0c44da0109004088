// The sandbox's persistent state, behind asynchronous ports: the routes, hooks and services see only these
// interfaces, so that a store on a database with an asynchronous driver (PostgreSQL, issue 18) can stand in for
// the SQLite one without touching them. Every method that must be atomic is ONE method here, so that an
// implementation can run it in one transaction; none of them leaves a transaction open across an `await` of its
// caller. Values are the existing code's types and the contract's (never a retyped spec shape).
import type {
  Client,
  ConflictPair,
  Department,
  ShareRequest,
  SyncRun,
  SyncRunReport,
} from '@unsilo/sdk/schemas';
import type { AuditEvent } from '../audit/audit-log';
import type { ThrottleStore } from '../auth/throttle-store';
import type {
  CatalogEntry,
  CatalogViewer,
  HistoryEvent,
  ResourceFilter,
  ResourceStatus,
  StoredResource,
} from '../catalog/resource-store';
import type { PairOptions } from '../quality/conflict-counts';
import type { ResourcePair } from '../quality/conflict-sources';
import type { BatchRow, PreparedDelete, PreparedUpsert } from '../records/record-store';
import type { ReportedRuns } from '../records/sync-run-store';

export type { ThrottleStore };

/** The departments of the exchange (seeded at start; read on every authenticated request). */
export interface DepartmentStore {
  get(id: string): Promise<Department | undefined>;
  /** Every department, by id. */
  list(): Promise<Department[]>;
}

/** A secret as stored: its scrypt hash (token grant) and its sealed HMAC key. */
export interface StoredSecret {
  secretSalt: Buffer;
  secretHash: Buffer;
  /** The HMAC key, sealed with the sealing key (AES-256-GCM). */
  hmacKeySealed: Buffer;
}

/** What a client id proves itself with: its current secret and, after a rotation, its previous one. */
export interface ClientCredentials extends StoredSecret {
  departmentId: string;
  /** A revoked client proves nothing: no token, no signature. */
  revoked: boolean;
  /** The secret before the last rotation and when its grace period ends (ms since the epoch). */
  previous?: StoredSecret & { expiresAt: number };
}

/** A client the authority adds: a new id, its department and its secret, hashed and sealed. */
export interface NewClient extends StoredSecret {
  clientId: string;
  departmentId: string;
  createdAt: string;
}

export interface ClientStore {
  credentials(clientId: string): Promise<ClientCredentials | undefined>;
  /** Every client with its department, by department id (what a started exchange reports). */
  list(): Promise<Array<{ departmentId: string; name: string; clientId: string }>>;
  /** One client as the contract shows it (never a secret). */
  get(clientId: string): Promise<Client | undefined>;
  /** A department's clients with ids after `afterId`, by id. */
  listOf(departmentId: string, afterId: string, limit: number): Promise<Client[]>;
  add(client: NewClient): Promise<Client>;
  /**
   * Replaces the secret, atomically: the current one becomes the previous one, valid until `previousExpiresAt`
   * (replacing an older previous one), and `rotatedAt` is set. 'revoked' for a revoked client (nothing changes),
   * undefined for an unknown one.
   */
  rotate(
    clientId: string,
    next: StoredSecret,
    previousExpiresAt: number,
    at: string,
  ): Promise<Client | 'revoked' | undefined>;
  /** Revokes the client and deletes its tokens and its previous secret, atomically (a revoked client is left
   * as it is); undefined for an unknown client. */
  revoke(clientId: string, at: string): Promise<Client | undefined>;
}

/** A bearer token as stored: only its SHA-256 (hex) is kept, never the token. */
export interface StoredToken {
  clientId: string;
  departmentId: string;
  /** ms since the epoch. */
  expiresAt: number;
}

export interface TokenStore {
  /** Stores a token unless its client is revoked (checked in the same statement, so a token cannot be saved
   * after the revocation that deleted the client's tokens); false when it was not stored. */
  save(tokenHash: string, token: StoredToken): Promise<boolean>;
  find(tokenHash: string): Promise<StoredToken | undefined>;
  /** Deletes the token if it is this client's; whether there was one. */
  revoke(tokenHash: string, clientId: string): Promise<boolean>;
  /** Deletes the tokens that expired before `now`. */
  purgeExpired(now: number): Promise<void>;
}

/** The nonces of HMAC-signed requests, each accepted once while its timestamp is inside the window. */
export interface NonceStore {
  /** Spends a nonce: true when it was fresh (and is now taken), false when it was used before. Atomic. */
  spend(clientId: string, nonce: string, expiresAt: number): Promise<boolean>;
  purgeExpired(now: number): Promise<void>;
}

/** The catalogue: working versions, versions in force and their history. */
export interface ResourceStore {
  get(code: string): Promise<StoredResource | undefined>;
  /** The live entries a viewer sees, each in the version it sees (for the cross-file lint rules). */
  entries(viewer: CatalogViewer): Promise<CatalogEntry[]>;
  /** The resources a viewer sees, each in the version it sees, filtered on that version. */
  list(filter: ResourceFilter, viewer: CatalogViewer): Promise<StoredResource[]>;
  /** Creates a draft with its first history event, atomically; undefined when the code is taken. */
  create(entry: CatalogEntry, providerId: string, at: string): Promise<StoredResource | undefined>;
  /** Replaces the working entry (and status) with its history event, atomically, if `current.version` is
   * still the stored one; undefined when a concurrent writer moved it. */
  update(
    current: StoredResource,
    entry: CatalogEntry,
    status: ResourceStatus,
    departmentId: string,
    at: string,
  ): Promise<StoredResource | undefined>;
  /** A life-cycle step: the status, the version in force when publishing and the history event, atomically,
   * if `current.version` is still the stored one; undefined otherwise. */
  transition(
    current: StoredResource,
    action: string,
    status: ResourceStatus,
    departmentId: string,
    reason: string | undefined,
    at: string,
  ): Promise<StoredResource | undefined>;
  history(code: string): Promise<HistoryEvent[]>;
}

export interface ShareRequestFilter {
  departmentId: string;
  role?: 'consumer' | 'provider';
  status?: string;
  resource?: string;
  /** `createdAt|id` of the last request of the previous page. */
  after?: string;
  limit: number;
}

export interface ShareRequestStore {
  create(
    resource: string,
    consumer: string,
    provider: string,
    purpose: string,
    at: string,
  ): Promise<ShareRequest>;
  get(id: string): Promise<ShareRequest | undefined>;
  /** Decides a pending request (compare-and-set on `pending`); the decided request, or undefined when it was
   * decided already. */
  decide(
    id: string,
    status: 'approved' | 'refused',
    reason: string | null,
    at: string,
  ): Promise<ShareRequest | undefined>;
  isApproved(consumer: string, resource: string): Promise<boolean>;
  list(filter: ShareRequestFilter): Promise<ShareRequest[]>;
}

/** A batch's stored answer: replayed verbatim for the same key and body. */
export interface StoredBatchAnswer {
  requestHash: string;
  statusCode: number;
  /** The exact bytes of the first answer. */
  response: string;
}

/** What `writeBatch` did: wrote it, or found the key taken by a batch that committed meanwhile. */
export type BatchWrite = { written: true } | { written: false; previous: StoredBatchAnswer };

/** A record as a page shows it: its canonical key and canonical JSON. */
export interface RecordRow {
  record_key: string;
  data: string;
}

/** One change of the feed (the truth: records are derived from it). */
export interface ChangeRow {
  seq: number;
  op: 'upsert' | 'delete';
  record_key: string;
  data: string | null;
  at: string;
}

/** Records, their change feed and the batches that wrote them (with their idempotency keys and answers). */
export interface RecordStore {
  findBatch(departmentId: string, idempotencyKey: string): Promise<StoredBatchAnswer | undefined>;
  /**
   * Writes a whole batch — its upserts to the feed, its deletes, and the answer that describes it under its
   * idempotency key — in ONE transaction, unless the key is taken: then nothing is written and the stored
   * answer comes back (a concurrent request with the same key committed first).
   */
  writeBatch(
    resourceCode: string,
    upserts: PreparedUpsert[],
    deletes: PreparedDelete[],
    batch: BatchRow,
  ): Promise<BatchWrite>;
  page(resourceCode: string, afterKey: string, limit: number): Promise<RecordRow[]>;
  filteredPage(
    resourceCode: string,
    filters: Array<[string, string]>,
    afterKey: string,
    limit: number,
  ): Promise<RecordRow[]>;
  changesAfter(resourceCode: string, afterSeq: number, limit: number): Promise<ChangeRow[]>;
}

/** What one resource held of a data subject: how many current records and feed versions its keys have. */
export interface SubjectHoldings {
  records: number;
  versions: number;
}

/** Where a tombstone comes from: the erasure's id (the feed's batch column) and its time. */
export interface Tombstone {
  batchId: string;
  at: string;
}

/**
 * The retention window and erasure (个人信息保护法) on the change feed. A record "names" a subject when a field of
 * its key equals it; keys are compared by their parsed value, never by text alone.
 */
export interface RetentionStore {
  /**
   * Removes the versions written before `before` that a later change of their key superseded; the current
   * version of each key (and the tombstone of a deleted one) stays. How many were removed.
   */
  compact(before: string): Promise<number>;
  /** What `resourceCode` holds of the subject (nothing changes). */
  holdings(resourceCode: string, subject: string): Promise<SubjectHoldings>;
  /**
   * Erases the subject from `resourceCode` in ONE transaction: each key naming it leaves the records, every
   * version of it leaves the feed, and one tombstone takes their place (followers delete it too). What it held.
   */
  erase(resourceCode: string, subject: string, tombstone: Tombstone): Promise<SubjectHoldings>;
}

export interface SyncRunStore {
  /** Stores a report; one that names a run already reported for the resource replaces it (atomically). */
  save(
    resourceCode: string,
    departmentId: string,
    report: SyncRunReport,
    receivedAt: string,
  ): Promise<{ run: SyncRun; replaced: boolean }>;
  totals(resourceCode: string): Promise<ReportedRuns>;
}

/** What a resource's stored records and batches add up to (the quality figures are computed from it). */
export interface ResourceFigures {
  records: number;
  /** Per item key asked for, in that order: records where it is present and not empty. */
  filled: number[];
  /** Operations of every batch, and how many the exchange rejected. */
  operations: number;
  rejected: number;
  lastPushAt: string | null;
}

export interface QualityReads {
  figures(resourceCode: string, itemKeys: readonly string[]): Promise<ResourceFigures>;
}

/** A published entry (version in force, not withdrawn) as the conflict comparison reads it. */
export interface PublishedEntry {
  code: string;
  providerId: string;
  entry: CatalogEntry;
}

export interface ConflictReads {
  /** The published entries, in code order. */
  publishedEntries(): Promise<PublishedEntry[]>;
  /** Compares the records of the two resources of a pair on `elements`. */
  comparePair(pair: ResourcePair, elements: readonly string[], options: PairOptions): Promise<ConflictPair>;
}

/** One stored audit event, with its id (the list's cursor). */
export interface StoredAuditEvent extends AuditEvent {
  id: number;
}

export interface AuditQuery {
  /** Only events of this department or of its resources (absent: every event, for the authority). */
  involving?: string;
  /** Only events with a smaller id (the cursor). */
  before?: number;
  resource?: string;
  department?: string;
  action?: string;
  /** ISO time: only events at or after it. */
  since?: string;
  limit: number;
}

/** The audit log: written behind (events queue and are written together), read newest first. */
export interface AuditLog {
  /** Queues an event; it is written soon, with the others of the same turn. Never throws. */
  record(event: AuditEvent): void;
  /** Writes the queued events now (before a read of the log, and on close). */
  flush(): Promise<void>;
  /** Events newest first; flushes first. */
  list(query: AuditQuery): Promise<StoredAuditEvent[]>;
}

/** A receipt signing key as stored: the private half only sealed. */
export interface StoredReceiptKey {
  kid: string;
  privateKeySealed: Buffer;
  publicX: string;
}

export interface ReceiptKeyStore {
  /** The key added last: the one that signs. */
  newest(): Promise<StoredReceiptKey | undefined>;
  add(key: StoredReceiptKey, createdAt: string): Promise<void>;
  /** Every key ever used, oldest first (all stay published so old receipts verify). */
  all(): Promise<StoredReceiptKey[]>;
}

/** Every port of one exchange's storage. */
export interface Storage {
  departments: DepartmentStore;
  clients: ClientStore;
  tokens: TokenStore;
  nonces: NonceStore;
  resources: ResourceStore;
  shares: ShareRequestStore;
  records: RecordStore;
  retention: RetentionStore;
  syncRuns: SyncRunStore;
  quality: QualityReads;
  conflicts: ConflictReads;
  audit: AuditLog;
  receiptKeys: ReceiptKeyStore;
  /** Login failures and request rates (in this process's memory today). */
  throttle: ThrottleStore;
  /** Writes what is queued and lets go of the database. */
  close(): Promise<void>;
}
