import type { MatterListEntry } from '../../generated';
import { CsvParser } from '../../sources/csv-parser';
import { isReject, type SourceItem } from '../../sources/types';
import type { LocalizedText } from '../types';
import type { YamlNode } from '../yaml-ast';
import {
  type ListProblem,
  ListReader,
  MAX_LIST_RECORDS,
  parseListText,
  recordOf,
  sectionItems,
} from './list-text';

/** A government service (政务服务事项) or power (权力事项) of the city's lists. */
export type MatterKind = 'service' | 'power';
export type ListedMatter = MatterListEntry & { kind: MatterKind; needs: string[] };

export interface ParsedMatters {
  matters: ListedMatter[];
  problems: ListProblem[];
}

const FIELDS = ['code', 'name', 'needs'] as const;
/** The CSV headers read, in English or as the city's lists write them. */
const HEADERS: Record<string, (typeof FIELDS)[number]> = {
  code: 'code',
  事项编码: 'code',
  编码: 'code',
  name: 'name',
  事项名称: 'name',
  名称: 'name',
  needs: 'needs',
  所需数据: 'needs',
  所需资源: 'needs',
};
/** Between the data names of a `needs` cell. */
const NEEDS_SEPARATOR = /[;；、|]/;
const SECTION: Record<MatterKind, string> = { service: 'services', power: 'powers' };
const WHAT: Record<MatterKind, LocalizedText> = {
  service: { zh: '政务服务事项', en: 'a service' },
  power: { zh: '权力事项', en: 'a power' },
};

/**
 * Reads a list of services or powers: CSV (a header `code,name[,needs]`, or 事项编码,事项名称,所需数据; `needs`
 * names data separated by `;` `；` `、` or `|`) when `fileName` ends in `.csv`, else YAML or JSON
 * (`services: [{ code, name, needs: [...] }]`, `powers: …`, or the list alone).
 */
export function parseMatterList(text: string, kind: MatterKind, fileName = ''): ParsedMatters {
  const reader = new ListReader(text);
  if (/\.csv$/i.test(fileName)) return { matters: mattersOfCsv(reader, kind), problems: reader.problems };
  const root = parseListText(reader);
  const items = root === undefined ? undefined : sectionItems(reader, root, SECTION[kind]);
  return { matters: items ? mattersOf(reader, items, kind) : [], problems: reader.problems };
}

/** The matters of a list's records (also used for lists written in unsilo.config.yaml). */
export function mattersOf(reader: ListReader, items: readonly YamlNode[], kind: MatterKind): ListedMatter[] {
  const list = new MatterCollector(reader, kind);
  for (const item of items) {
    const record = recordOf(reader, item, FIELDS, WHAT[kind]);
    if (!record) continue;
    const needs = record.needs;
    list.add(
      {
        code: typeof record.code === 'string' ? record.code : '',
        name: typeof record.name === 'string' ? record.name : '',
        needs: Array.isArray(needs) ? needs : typeof needs === 'string' ? splitNeeds(needs) : [],
      },
      item.range,
    );
  }
  return list.matters;
}

function mattersOfCsv(reader: ListReader, kind: MatterKind): ListedMatter[] {
  const parser = new CsvParser();
  const rows: SourceItem[] = [];
  parser.push(reader.text.replace(/^\uFEFF/, ''), rows);
  parser.end(rows);
  const columns = (parser.columns ?? []).map((column) => HEADERS[column.trim()]);
  if (!columns.includes('code') || !columns.includes('name')) {
    reader.problem(
      'list.csv-header',
      { range: [0, reader.index.lineEnd(0)] },
      {
        zh: 'CSV 首行须有 code 与 name 列（或 事项编码、事项名称）',
        en: 'the CSV header needs code and name columns (or 事项编码, 事项名称)',
      },
    );
    return [];
  }
  const list = new MatterCollector(reader, kind);
  for (const row of rows.slice(0, MAX_LIST_RECORDS)) {
    // A row's line is its data row after the header (a quoted field over several lines shifts it).
    const line = isReject(row) ? row.line : row.row + 1;
    const start = reader.index.lineStart(line);
    const range: [number, number] = [start, reader.index.lineEnd(start)];
    if (isReject(row)) {
      reader.problem('list.csv-row', { range }, { zh: row.error.zh, en: row.error.message });
      continue;
    }
    const values = Object.values(row.values);
    const cell = (field: string) => (values[columns.indexOf(field as (typeof FIELDS)[number])] ?? '').trim();
    list.add({ code: cell('code'), name: cell('name'), needs: splitNeeds(cell('needs')) }, range);
  }
  return list.matters;
}

function splitNeeds(cell: string): string[] {
  return cell
    .split(NEEDS_SEPARATOR)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Keeps the valid matters of a list, each code once. */
class MatterCollector {
  readonly matters: ListedMatter[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly reader: ListReader,
    private readonly kind: MatterKind,
  ) {}

  add(matter: { code: string; name: string; needs: string[] }, range: [number, number]): void {
    if (!matter.code || !matter.name) {
      this.reader.problem(
        'matter.code-or-name',
        { range },
        {
          zh: `${WHAT[this.kind].zh}须有编码（code）和名称（name）`,
          en: `${WHAT[this.kind].en} needs a code and a name`,
        },
      );
      return;
    }
    if (this.seen.has(matter.code)) {
      this.reader.problem(
        'matter.duplicate',
        { range },
        {
          zh: `事项编码「${matter.code}」出现了两次`,
          en: `code "${matter.code}" is listed twice`,
        },
      );
      return;
    }
    this.seen.add(matter.code);
    this.matters.push({ code: matter.code, name: matter.name, kind: this.kind, needs: matter.needs });
  }
}
