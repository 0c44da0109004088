import type { Database } from 'better-sqlite3';
import type { Department, Role } from '../sandbox-state';
import type { DepartmentStore } from '../storage/ports';

interface DepartmentRow {
  id: string;
  name: string;
  code: string;
  roles: string;
}

export function toDepartment(row: DepartmentRow): Department {
  return { id: row.id, name: row.name, code: row.code, roles: JSON.parse(row.roles) as Role[] };
}

/** Departments on SQLite, cached by id (they change only when a seed is applied, at start). */
export function createDepartmentStore(db: Database): DepartmentStore {
  const byId = db.prepare('SELECT id, name, code, roles FROM departments WHERE id = ?');
  const all = db.prepare('SELECT id, name, code, roles FROM departments ORDER BY id');
  const cache = new Map<string, Department>();
  return {
    async get(id) {
      let department = cache.get(id);
      if (!department) {
        const row = byId.get(id) as DepartmentRow | undefined;
        if (!row) return undefined;
        department = toDepartment(row);
        cache.set(id, department);
      }
      return department;
    },
    async list() {
      return (all.all() as DepartmentRow[]).map(toDepartment);
    },
  };
}
