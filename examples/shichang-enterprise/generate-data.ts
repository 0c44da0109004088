import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { orgcodeCheckChar, usccCheckChar } from '@unsilo/sdk/identifiers';
import ExcelJS from 'exceljs';
import { populationRow } from '../minzheng-population/generate-data';

/** One row of the enterprise registry's export (the sheet's own column names). */
export interface EnterpriseRow {
  统一社会信用代码: string;
  企业名称: string;
  企业类型: string;
  法定代表人: string;
  法定代表人证件号码: string;
  /** M / F: the registry's own convention. */
  法定代表人性别: string;
  住所所在区县: string;
  /** A date cell, or text as some clerks typed it. */
  成立日期: Date | string;
  '注册资本（万元）': number;
  登记状态: string;
}

export const columns: ReadonlyArray<keyof EnterpriseRow> = [
  '统一社会信用代码',
  '企业名称',
  '企业类型',
  '法定代表人',
  '法定代表人证件号码',
  '法定代表人性别',
  '住所所在区县',
  '成立日期',
  '注册资本（万元）',
  '登记状态',
];

const TITLE = '某市市场主体登记信息（导出）';
const TRADE_NAMES = '恒信博远正和华瑞新宇天成嘉禾启航东方明德众合安泰鼎盛';
const INDUSTRIES = ['科技', '贸易', '餐饮管理', '建筑工程', '物业服务', '电子商务', '文化传媒', '医疗器械'];
const KINDS = [
  '有限责任公司（自然人投资或控股）',
  '有限责任公司（自然人独资）',
  '股份有限公司（非上市）',
  '个人独资企业',
];
const ALNUM = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const DAY = 86_400_000;

/** A 9-character 组织机构代码 (GB 11714) derived from `n`, with its check character. */
function orgcode(n: number): string {
  let body = 'MA';
  for (let k = 0, v = n; k < 6; k += 1, v = Math.floor(v / ALNUM.length)) body += ALNUM[v % ALNUM.length];
  return body + orgcodeCheckChar(body)!;
}

/** The USCC (GB 32100) of a company registered in `region`: 9 (市场监管) 1 (企业), region, orgcode, check. */
export function uscc(region: string, n: number): string {
  const first17 = `91${region}${orgcode(n)}`;
  return first17 + usccCheckChar(first17)!;
}

/**
 * The e-th enterprise (0-based), the same on every call. Its legal representative is the (5e+2)-th person of
 * the city's population (as 民政 and 公安 hold them), so the same person can be looked up across departments.
 */
export function enterpriseRow(e: number): EnterpriseRow {
  const person = populationRow(5 * e + 2);
  const male = Number(person.SFZH[16]) % 2 === 1;
  const region = person.HJDQ;
  const founded = new Date(Date.UTC(2000, 0, 1) + ((e * 3517) % 8700) * DAY);
  const name = TRADE_NAMES[e % TRADE_NAMES.length]! + TRADE_NAMES[(e * 7 + 3) % TRADE_NAMES.length]!;
  return {
    统一社会信用代码: uscc(region, e + 1),
    企业名称: `杭州${name}${INDUSTRIES[e % INDUSTRIES.length]}有限公司`.replace(
      '有限公司有限公司',
      '有限公司',
    ),
    企业类型: KINDS[e % KINDS.length]!,
    法定代表人: person.XM,
    法定代表人证件号码: person.SFZH,
    法定代表人性别: male ? 'M' : 'F',
    住所所在区县: region,
    // Every 9th date was typed as text, the way clerks enter it.
    成立日期:
      e % 9 === 4
        ? `${founded.getUTCFullYear()}年${founded.getUTCMonth() + 1}月${founded.getUTCDate()}日`
        : founded,
    '注册资本（万元）': [10, 50, 100, 200, 500, 1000, 30.5][e % 7]!,
    登记状态: '存续',
  };
}

/**
 * What a registry export of years of manual entry holds, one each: a USCC with a mistyped check character,
 * one with a character dropped (17 long), and one whose embedded 组织机构代码 fails its own check while the
 * USCC's check character is right (issued so, before the checks were enforced: it is in force).
 */
export const DEFECTS: Readonly<Record<number, (row: EnterpriseRow) => EnterpriseRow>> = {
  5: (row) => {
    const code = row.统一社会信用代码;
    return { ...row, 统一社会信用代码: code.slice(0, 17) + (code[17] === '0' ? '1' : '0') };
  },
  12: (row) => ({
    ...row,
    统一社会信用代码: row.统一社会信用代码.slice(0, 9) + row.统一社会信用代码.slice(10),
  }),
  20: (row) => {
    const code = row.统一社会信用代码;
    const wrongOrgCheck = code[16] === '0' ? '1' : '0';
    const first17 = code.slice(0, 16) + wrongOrgCheck;
    return { ...row, 统一社会信用代码: first17 + usccCheckChar(first17)! };
  },
};

/** The export's rows: enterprises `from` … `from + count - 1`, with the defects among them. */
export function enterpriseRows(count: number, from = 0): EnterpriseRow[] {
  return Array.from({ length: count }, (_, k) => {
    const row = enterpriseRow(from + k);
    return DEFECTS[from + k]?.(row) ?? row;
  });
}

/**
 * Writes the export as the registry's system does: a merged title cell across the first row, the header on
 * row 2, data from row 3.
 */
export async function writeEnterpriseXlsx(
  path: string,
  rows: readonly EnterpriseRow[],
  asOf = '2024-05-31',
): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('市场主体');
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getCell(1, 1).value = `${TITLE}　截至 ${asOf}`;
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.addRow([...columns]);
  for (const row of rows) sheet.addRow(columns.map((c) => row[c]));
  sheet.getColumn(8).numFmt = 'yyyy-mm-dd';
  await book.xlsx.writeFile(path);
}

// `node --conditions=source --import tsx generate-data.ts out.xlsx 200` writes an export of that size.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const [, , out = 'enterprises.xlsx', count = '200'] = process.argv;
  await writeEnterpriseXlsx(out, enterpriseRows(Number(count)));
  process.stdout.write(`wrote ${count} enterprises to ${out}\n`);
}
