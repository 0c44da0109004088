import type { CatalogViewer, StoredResource } from '../catalog/resource-store';
import type { Caller } from '../sandbox-state';

/**
 * Whether a caller sees the working version of a resource (a draft, or a change waiting for review): its
 * provider and the authority do; every other department sees only the version in force.
 */
export function seesWorkingVersion(caller: Caller, resource: StoredResource): boolean {
  return resource.providerId === caller.department.id || caller.department.roles.includes('authority');
}

/** The version of a resource a caller sees; undefined when the caller may not know it exists. */
export function visibleVersion(caller: Caller, resource: StoredResource): StoredResource | undefined {
  return seesWorkingVersion(caller, resource) ? resource : resource.inForce;
}

/** How a caller lists the catalogue. */
export function catalogViewerOf(caller: Caller): CatalogViewer {
  return {
    departmentId: caller.department.id,
    seesAllWorkingVersions: caller.department.roles.includes('authority'),
  };
}
