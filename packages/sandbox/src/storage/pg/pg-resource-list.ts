import { type CatalogViewer, type ResourceFilter, selectResources } from '../../catalog/resource-store';

// The catalogue's list queries on PostgreSQL, as `listQuery` and `visibleEntries` of the SQLite store write them:
// the filters apply to the version the viewer sees (working or in force). Codes are compared and ordered with the
// "C" collation, byte by byte as SQLite does, whatever the database's default collation is.

/** Positional parameters collected while a query is built: `add` answers the placeholder of a value. */
class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Whether the viewer sees the working version of the row `r` (its own entry, or every one for the authority). */
function minePredicate(params: Parameters, viewer: CatalogViewer): string {
  const seesAll = params.add(viewer.seesAllWorkingVersions);
  const id = params.add(viewer.departmentId);
  return `(${seesAll}::boolean OR r.provider_id = ${id})`;
}

/** The live entries a viewer sees, each in the version it sees, in code order. */
export function visibleEntriesQuery(viewer: CatalogViewer): { sql: string; values: unknown[] } {
  const params = new Parameters();
  const mine = minePredicate(params, viewer);
  const sql = `SELECT CASE WHEN ${mine} THEN r.entry ELSE p.entry END AS entry FROM resources r
    LEFT JOIN published_entries p ON p.resource_code = r.code
    WHERE r.status <> 'withdrawn' AND (${mine} OR p.resource_code IS NOT NULL)
    ORDER BY r.code COLLATE "C"`;
  return { sql, values: params.values };
}

/** The SELECT of `list`: the filters apply to the version the viewer sees. */
export function listQuery(filter: ResourceFilter, viewer: CatalogViewer): { sql: string; values: unknown[] } {
  const params = new Parameters();
  const mine = minePredicate(params, viewer);
  const seen = (column: string) => `(CASE WHEN ${mine} THEN r.${column} ELSE p.${column} END)`;
  const where = [`(${mine} OR p.resource_code IS NOT NULL)`];
  if (filter.provider) {
    const provider = params.add(filter.provider);
    where.push(`(r.provider_id = ${provider} OR r.provider_code = ${provider})`);
  }
  if (filter.status) {
    const seenStatus = `(CASE WHEN ${mine} THEN r.status WHEN r.status = 'withdrawn' THEN 'withdrawn' ELSE 'published' END)`;
    where.push(`${seenStatus} = ${params.add(filter.status)}`);
  }
  if (filter.shareType) where.push(`${seen('share_type')} = ${params.add(filter.shareType)}`);
  if (filter.q) {
    // strpos, like SQLite's instr: a case-sensitive substring test, without LIKE's wildcards.
    const q = params.add(filter.q);
    where.push(
      `(strpos(${seen('name')}, ${q}) > 0 OR strpos(r.code, ${q}) > 0 OR strpos(${seen('entry')}, ${q}) > 0)`,
    );
  }
  if (filter.after !== undefined) where.push(`r.code COLLATE "C" > ${params.add(filter.after)}`);
  const limit = params.add(filter.limit);
  const sql = `${selectResources} WHERE ${where.join(' AND ')} ORDER BY r.code COLLATE "C" LIMIT ${limit}`;
  return { sql, values: params.values };
}
