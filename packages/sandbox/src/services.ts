import type { Finding } from '@unsilo/sdk';
import type { TokenService } from './auth/access-tokens';
import type { CatalogEntry, CatalogViewer, StoredResource } from './catalog/resource-store';
import type { RecordChecker } from './records/process-batch';
import type { SandboxState } from './sandbox-state';
import type {
  AuditLog,
  ClientStore,
  ConflictReads,
  DepartmentStore,
  QualityReads,
  RecordStore,
  ResourceStore,
  ShareRequestStore,
  SyncRunStore,
} from './storage/ports';

/** Judges an entry against the contract, the rules and the part of the catalogue its author may see. */
export type EntryLinter = (entry: CatalogEntry, viewer: CatalogViewer) => Promise<Finding[]>;

/** What the route handlers use: the exchange's state and the storage ports (never a database directly). */
export interface Services {
  state: SandboxState;
  departments: DepartmentStore;
  clients: ClientStore;
  tokens: TokenService;
  resources: ResourceStore;
  shares: ShareRequestStore;
  records: RecordStore;
  syncRuns: SyncRunStore;
  quality: QualityReads;
  conflicts: ConflictReads;
  audit: AuditLog;
  lint: EntryLinter;
  checkerFor: (resource: StoredResource) => RecordChecker;
}
