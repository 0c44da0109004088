import type { Finding } from '@unsilo/sdk';
import type { ShareRequestStore } from './access/share-requests';
import type { TokenService } from './auth/access-tokens';
import type { DepartmentStore } from './auth/departments';
import type { CatalogEntry, CatalogViewer, ResourceStore, StoredResource } from './catalog/resource-store';
import type { RecordChecker } from './records/process-batch';
import type { RecordStore } from './records/record-store';
import type { SyncRunStore } from './records/sync-run-store';
import type { SandboxState } from './sandbox-state';

/** Judges an entry against the contract, the rules and the part of the catalogue its author may see. */
export type EntryLinter = (entry: CatalogEntry, viewer: CatalogViewer) => Finding[];

export interface Services {
  state: SandboxState;
  departments: DepartmentStore;
  tokens: TokenService;
  resources: ResourceStore;
  shares: ShareRequestStore;
  records: RecordStore;
  syncRuns: SyncRunStore;
  lint: EntryLinter;
  checkerFor: (resource: StoredResource) => RecordChecker;
}
