import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExchangeClient } from '@unsilo/sdk';
import { publishCatalog } from '@unsilo/sdk/publish';
import Database from 'better-sqlite3';
import { HOUSEHOLD_RESOURCE } from '../gongan-household/household-example';
import { createRegister, type HouseholdRow, householdRow } from '../gongan-household/legacy-db';
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

/**
 * What the register knows and 民政局's export does not (yet): three names corrected at the counter, two residents
 * who moved to another district. Both departments publish these people, so the exchange finds them (多元校核).
 */
export const REGISTER_DRIFT: Readonly<Record<number, (row: HouseholdRow) => HouseholdRow>> = {
  5: (row) => ({ ...row, XM: `${row.XM.slice(0, -1)}华` }),
  8: (row) => ({ ...row, XM: `${row.XM.slice(0, -1)}华` }),
  13: (row) => ({ ...row, XM: `${row.XM.slice(0, -1)}华` }),
  19: (row) => ({ ...row, HJDZ_XZQH: row.HJDZ_XZQH === '330106' ? '330108' : '330106' }),
  29: (row) => ({ ...row, HJDZ_XZQH: row.HJDZ_XZQH === '330106' ? '330108' : '330106' }),
};

function applyDrift(db: Database.Database, residents: number): void {
  const update = db.prepare('UPDATE T_HJ_RK SET XM = @XM, HJDZ_XZQH = @HJDZ_XZQH WHERE ID = @ID');
  for (const [i, drift] of Object.entries(REGISTER_DRIFT)) {
    if (Number(i) < residents) update.run(drift(householdRow(Number(i))));
  }
}

/** 公安局 pushes its household register (SQLite, sex 0/1) through the SDK's SQL reader. */
export async function pushHouseholdRegister(gongan: ExchangeClient, work: string, residents: number) {
  await publishCatalog({ dir: join(examples, 'gongan-household/catalog'), client: gongan });
  const db = new Database(join(work, 'gongan-hjrk.sqlite'));
  try {
    createRegister(db, residents);
    applyDrift(db, residents);
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
 * 公安局 asks for 市场监管局's registry and 市场监管局 approves: it is shared on conditions, since it holds the
 * legal representatives' ID numbers (personal data).
 */
export async function approveEnterpriseShare(
  gongan: ExchangeClient,
  shichang: ExchangeClient,
): Promise<void> {
  const request = await gongan.shareRequests.create({
    resource: ENTERPRISE_RESOURCE,
    purpose: '户籍核验业务中核对市场主体法定代表人身份',
  });
  await shichang.shareRequests.approve(request.data.id);
}

/**
 * One person as three departments hold them, read back from the exchange by 公安局 (approved for 民政's and
 * 市场监管's data, owner of its own): three sex conventions, one standard code.
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
