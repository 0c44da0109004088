import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExchangeClient } from '@unsilo/sdk';
import { publishCatalog } from '@unsilo/sdk/publish';
import Database from 'better-sqlite3';
import { HOUSEHOLD_RESOURCE } from '../gongan-household/household-example';
import { createRegister, householdRow } from '../gongan-household/legacy-db';
import { syncHousehold } from '../gongan-household/sync-household';
import { populationRow } from '../minzheng-population/generate-data';
import { ENTERPRISE_RESOURCE } from '../shichang-enterprise/enterprise-example';
import { enterpriseRow, enterpriseRows, writeEnterpriseXlsx } from '../shichang-enterprise/generate-data';

const examples = fileURLToPath(new URL('..', import.meta.url));
const POPULATION_RESOURCE = '307002010101/000001';

/** One department's record of the person: its own sex code, and the standard code the exchange holds. */
export interface SexSeen {
  department: string;
  convention: string;
  legacy: string;
  standard: string | undefined;
}

/** 公安局 pushes its household register (SQLite, sex 0/1) through the SDK's SQL reader. */
export async function pushHouseholdRegister(gongan: ExchangeClient, work: string, residents: number) {
  await publishCatalog({ dir: join(examples, 'gongan-household/catalog'), client: gongan });
  const db = new Database(join(work, 'gongan-hjrk.sqlite'));
  try {
    createRegister(db, residents);
    return await syncHousehold({ db, client: gongan, checkpoint: join(work, '.unsilo/sync/household.json') });
  } finally {
    db.close();
  }
}

/** 市场监管局's monthly XLSX export (title row above the header, sex M/F), for `unsilo sync`. */
export async function writeEnterpriseExport(work: string, enterprises: number): Promise<string> {
  const file = join(work, 'shichang-enterprises.xlsx');
  await writeEnterpriseXlsx(file, enterpriseRows(enterprises));
  return file;
}

/**
 * One person as three departments hold them, read back from the exchange by 公安局 (approved for 民政's data,
 * owner of its own, and 市场监管's is shared unconditionally): three sex conventions, one standard code.
 * The person is the legal representative of the registry's first enterprise.
 */
export async function crossDepartmentView(
  gongan: ExchangeClient,
): Promise<{ id: string; name: string; seen: SexSeen[] }> {
  const enterprise = enterpriseRow(0);
  const id = enterprise.法定代表人证件号码;
  const first = async (resource: string, filter: Record<string, string>) =>
    (await gongan.records.query(resource, { filter, limit: 1 } as never).toArray())[0] as
      | Record<string, string>
      | undefined;
  const civil = populationRow(2);
  const resident = householdRow(2);
  if (civil.SFZH !== id || resident.GMSFHM !== id)
    throw new Error('the three fixtures no longer share a person');
  const seen: SexSeen[] = [
    {
      department: '民政局',
      convention: '1 男 / 2 女（或 男/女）',
      legacy: civil.XB,
      standard: (await first(POPULATION_RESOURCE, { gmsfhm: id }))?.xb,
    },
    {
      department: '公安局',
      convention: '0 男 / 1 女',
      legacy: resident.XB,
      standard: (await first(HOUSEHOLD_RESOURCE, { gmsfhm: id }))?.xb,
    },
    {
      department: '市场监管局',
      convention: 'M 男 / F 女',
      legacy: enterprise.法定代表人性别,
      standard: (await first(ENTERPRISE_RESOURCE, { fddbrsfzh: id }))?.fddbrxb,
    },
  ];
  return { id, name: enterprise.法定代表人, seen };
}
