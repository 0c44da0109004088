import { parseBoundedDocument } from '../bounded-yaml';
import { MAX_NESTING_DEPTH } from '../depth';
import { MAX_ALIAS_COUNT } from '../parse';
import { TextIndex } from '../text-position';
import type { LocalizedText, Range } from '../types';
import { fromYamlDocument, type YamlMap, type YamlNode, type YamlScalar } from '../yaml-ast';

/**
 * The city's lists (roster, systems registry, service and power lists) are read from YAML or JSON written by
 * hand or exported from other systems: what is wrong is reported at its position, never thrown, and the list
 * keeps what is valid.
 */
export interface ListProblem {
  /** Stable: `list.syntax`, `list.too-large`, `list.reserved-key`, `department.name-missing`, … */
  code: string;
  message: LocalizedText;
  range: Range;
  /** The file the problem is in, when the list came from a file named in the config. */
  file?: string;
}

/** A list text longer than this is refused whole (a city's 2,600 services take well under 1 MiB). */
export const MAX_LIST_CHARS = 16 * 1024 * 1024;
/** Records read from one list; the rest are refused with one problem. */
export const MAX_LIST_RECORDS = 100_000;
/** Keys that would reach an object's prototype: refused wherever they appear as a key. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Turns `[start, end)` offsets of the text into a range; one per list text. */
export class ListReader {
  readonly index: TextIndex;
  readonly problems: ListProblem[] = [];

  constructor(readonly text: string) {
    this.index = new TextIndex(text);
  }

  problem(code: string, node: { range: [number, number] } | null | undefined, message: LocalizedText): void {
    const [start, end] = node?.range ?? [0, 0];
    this.problems.push({ code, message, range: this.index.range(start, end) });
  }
}

/**
 * Parses a list text (YAML, or JSON, which is YAML) into its tree, within the depth and size limits. Undefined,
 * with a problem, when it cannot be read.
 */
export function parseListText(reader: ListReader): YamlNode | null | undefined {
  const { text } = reader;
  if (text.length > MAX_LIST_CHARS) {
    reader.problem('list.too-large', null, {
      zh: `文件超过 ${MAX_LIST_CHARS / 1024 / 1024} MiB，未读取`,
      en: `the file is larger than ${MAX_LIST_CHARS / 1024 / 1024} MiB and was not read`,
    });
    return undefined;
  }
  const parsed = parseBoundedDocument(text, { prettyErrors: false });
  if ('tooDeepAt' in parsed) {
    reader.problem(
      'list.too-deep',
      { range: [parsed.tooDeepAt, parsed.tooDeepAt + 1] },
      {
        zh: `嵌套超过 ${MAX_NESTING_DEPTH} 层，未读取`,
        en: `nested deeper than ${MAX_NESTING_DEPTH} levels; not read`,
      },
    );
    return undefined;
  }
  const { document } = parsed;
  for (const error of document.errors) {
    reader.problem(
      'list.syntax',
      { range: [error.pos[0], error.pos[1]] },
      {
        zh: `YAML 语法错误：${error.message}`,
        en: `YAML syntax error: ${error.message}`,
      },
    );
  }
  if (document.errors.length > 0) return undefined;
  // Aliases share their target in the tree; counting records below bounds what a chain of them can expand to.
  if (countAliases(text) > MAX_ALIAS_COUNT) {
    reader.problem('list.aliases', null, {
      zh: `YAML 别名超过 ${MAX_ALIAS_COUNT} 个，未读取`,
      en: `more than ${MAX_ALIAS_COUNT} YAML aliases; not read`,
    });
    return undefined;
  }
  return fromYamlDocument(document);
}

/** An upper bound of the aliases (`*name`) in a text: enough to refuse an alias bomb without composing it. */
function countAliases(text: string): number {
  return text.match(/(?:^|[\s,[{:-])\*[^\s,[\]{}]+/g)?.length ?? 0;
}

/**
 * The records of a list section: `node` itself when it is a sequence, else the value of `key` in it (a file
 * written `departments: [...]`). Undefined, with a problem, for anything else.
 */
export function sectionItems(reader: ListReader, node: YamlNode | null, key: string): YamlNode[] | undefined {
  let list: YamlNode | null | undefined = node;
  if (node?.kind === 'map') list = mapValue(node, key);
  if (list?.kind !== 'seq') {
    reader.problem('list.not-a-list', list ?? node, {
      zh: `${key} 必须是列表`,
      en: `${key} must be a list`,
    });
    return undefined;
  }
  const items = list.items.filter((item): item is YamlNode => item !== null);
  if (items.length > MAX_LIST_RECORDS) {
    reader.problem('list.too-many', items[MAX_LIST_RECORDS], {
      zh: `${key} 超过 ${MAX_LIST_RECORDS} 条，其余未读取`,
      en: `${key} has more than ${MAX_LIST_RECORDS} records; the rest were not read`,
    });
    return items.slice(0, MAX_LIST_RECORDS);
  }
  return items;
}

/** The value of a key of a map (undefined when absent). */
export function mapValue(map: YamlMap, key: string): YamlNode | null | undefined {
  for (const pair of map.pairs) {
    if (String(pair.key.value) === key) return pair.value;
  }
  return undefined;
}

/**
 * The fields of one record as a map without a prototype: scalars as trimmed strings (booleans kept), lists of
 * scalars as string lists. Unknown keys and reserved keys are problems; a record that is not a map is one too.
 */
export function recordOf(
  reader: ListReader,
  node: YamlNode,
  known: readonly string[],
  what: LocalizedText,
): Record<string, string | boolean | string[]> | undefined {
  if (node.kind !== 'map') {
    reader.problem('list.not-a-record', node, {
      zh: `${what.zh}必须是映射（键: 值）`,
      en: `${what.en} must be a mapping (key: value)`,
    });
    return undefined;
  }
  const record: Record<string, string | boolean | string[]> = Object.create(null);
  for (const pair of node.pairs) {
    const key = String(pair.key.value);
    if (RESERVED_KEYS.has(key)) {
      reader.problem('list.reserved-key', pair.key, {
        zh: `不允许的键「${key}」`,
        en: `key "${key}" is not allowed`,
      });
      continue;
    }
    if (!known.includes(key)) {
      reader.problem('list.unknown-key', pair.key, {
        zh: `${what.zh}没有「${key}」这一项（可用：${known.join('、')}）`,
        en: `${what.en} has no "${key}" (known: ${known.join(', ')})`,
      });
      continue;
    }
    const value = plainValue(pair.value);
    if (value === undefined) {
      reader.problem('list.bad-value', pair.value ?? pair.key, {
        zh: `「${key}」的值必须是文字或文字列表`,
        en: `"${key}" must be a text or a list of texts`,
      });
    } else if (value !== '') record[key] = value;
  }
  return record;
}

function plainValue(node: YamlNode | null): string | boolean | string[] | undefined {
  if (node === null) return '';
  if (node.kind === 'scalar') return scalarText(node);
  if (node.kind === 'seq') {
    const values = node.items.map((item) => (item?.kind === 'scalar' ? scalarText(item) : undefined));
    if (values.some((value) => typeof value !== 'string')) return undefined;
    return (values as string[]).filter(Boolean);
  }
  return undefined;
}

/** Codes are read as written (`0012`, an 18-digit number stays a text); booleans stay booleans. */
function scalarText(node: YamlScalar): string | boolean {
  if (typeof node.value === 'boolean') return node.value;
  if (node.value === null) return '';
  return (node.style === 'plain' && typeof node.value !== 'string' ? node.source : String(node.value)).trim();
}
