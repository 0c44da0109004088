import { migrate, readMigrations } from '@unsilo/sandbox';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

/**
 * Issue 12, finding 5, for databases written before the fix: migration 005 records the version in force of
 * each resource. Only what was published as it stands is put in force; a change made after the publication has
 * no copy of the version it replaced, so it stays out of force (not visible, not readable) until it is published
 * again, rather than taking effect unreviewed.
 */
describe('migration 005: the version in force of existing resources', () => {
  it('puts published entries in force, and withdrawn ones only when withdrawn right after publication', () => {
    const db = new BetterSqlite3(':memory:');
    const migrations = readMigrations();
    migrate(
      db,
      migrations.filter((m) => m.version < 5),
    );
    db.prepare(
      "INSERT INTO departments (id, name, code, roles, created_at) VALUES ('gongan', '公安局', 'X', '[]', 't0')",
    ).run();
    const resource = db.prepare(
      `INSERT INTO resources (code, provider_id, provider_code, name, status, share_type, update_cycle, entry,
         version, created_at, updated_at)
       VALUES (?, 'gongan', 'X', ?, ?, ?, 'daily', ?, ?, 't0', ?)`,
    );
    const step = db.prepare(
      `INSERT INTO resource_history (resource_code, action, status, department_id, reason, at)
       VALUES (?, ?, ?, 'gongan', NULL, ?)`,
    );
    const walk = (code: string, actions: Array<[string, string]>) => {
      for (const [i, [action, status]] of actions.entries()) step.run(code, action, status, `t${i + 1}`);
    };
    const toPublished: Array<[string, string]> = [
      ['create', 'draft'],
      ['submit', 'submitted'],
      ['register', 'registered'],
      ['publish', 'published'],
    ];
    resource.run('A/1', 'published', 'published', 'conditional', '{"v":"a"}', 4, 't4');
    walk('A/1', toPublished);
    resource.run('A/2', 'changed', 'submitted', 'unconditional', '{"v":"b2"}', 5, 't5');
    walk('A/2', [...toPublished, ['update', 'submitted']]);
    resource.run('A/3', 'withdrawn', 'withdrawn', 'none', '{"v":"c"}', 5, 't5');
    walk('A/3', [...toPublished, ['withdraw', 'withdrawn']]);
    resource.run('A/4', 'changed, withdrawn', 'withdrawn', 'unconditional', '{"v":"d2"}', 6, 't6');
    walk('A/4', [...toPublished, ['update', 'submitted'], ['withdraw', 'withdrawn']]);
    resource.run('A/5', 'draft', 'draft', 'unconditional', '{"v":"e"}', 1, 't1');
    walk('A/5', [['create', 'draft']]);

    expect(
      migrate(
        db,
        migrations.filter((m) => m.version === 5),
      ),
    ).toEqual([5]);
    expect(
      db
        .prepare(
          'SELECT resource_code, name, share_type, entry, version, published_at FROM published_entries ORDER BY 1',
        )
        .all(),
    ).toEqual([
      {
        resource_code: 'A/1',
        name: 'published',
        share_type: 'conditional',
        entry: '{"v":"a"}',
        version: 4,
        published_at: 't4',
      },
      {
        resource_code: 'A/3',
        name: 'withdrawn',
        share_type: 'none',
        entry: '{"v":"c"}',
        version: 5,
        published_at: 't4',
      },
    ]);
  });
});
