// A department system on SQL pushes a table to the exchange with keyset pagination, incrementally.
//
//   node --conditions=source --import tsx examples/sql-keyset/run.ts
//
// Uses a demo SQLite database (created beside this file) and, unless UNSILO_EXCHANGE_URL is set, an in-memory
// sandbox exchange with the demo departments.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishCatalog } from '@unsilo/sdk/publish';
import Database from 'better-sqlite3';
import { connectExampleExchange } from '../shared/example-exchange';
import { createDemoTable, touchRows } from './demo-table';
import { syncTable } from './sync-table';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The sandbox's public demo login, for when the environment names none; a real secret only ever comes from there.
const { client, close } = await connectExampleExchange(
  { clientId: 'minzheng-demo', clientSecret: 'minzheng-demo-secret-8b4d0c3f' },
  { announce: false },
);
const db = new Database(':memory:');
try {
  await publishCatalog({ dir: here('../minzheng-population/catalog'), client });
  createDemoTable(db, 20_000);
  // A real job keeps its checkpoint in one place (e.g. .unsilo/sync/); this demo starts afresh every time.
  const checkpoint = join(mkdtempSync(join(tmpdir(), 'unsilo-sql-keyset-')), 'relief-person.json');
  const first = await syncTable({ db, client, checkpoint });
  console.log(`first run: read ${first.read}, accepted ${first.accepted}, rejected ${first.rejected}`);
  touchRows(db, 50);
  const second = await syncTable({ db, client, checkpoint });
  console.log(`after 50 rows changed: read ${second.read}, accepted ${second.accepted}`);
} finally {
  db.close();
  await close();
}
