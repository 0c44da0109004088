import { type Codeset, type CodesetRegistry, isRegionCodeset } from './codesets';
import { diagnostic } from './diagnostics';
import { checksOf, listOf, specName, transformsOf } from './field-spec';
import type { FieldMapping, MappingDiagnostic, TargetEntry, TargetItem } from './types';

const NUMERIC_TYPES = new Set(['N', 'Y', 'B', 'F', 'I']);

/** Items a mapping must fill: the mapping's upsert key and items the catalogue marks required. */
export function requiredKeys(
  mapping: FieldMapping,
  entry: TargetEntry,
): { key: string[]; required: string[] } {
  const items = entry.items ?? [];
  return {
    key: mapping.key ?? (Array.isArray(entry.key) ? entry.key : []),
    required: items.filter((i) => i.required === true).map((i) => i.key),
  };
}

/**
 * Checks a mapping against its target catalogue entry: the resource code, unknown item keys, key and required
 * items left unmapped, transforms, codes and constants that cannot fit the item's type or code set, and (info)
 * coded items read without a `codes:` translation.
 */
export function checkMappingAgainstEntry(
  mapping: FieldMapping,
  entry: TargetEntry,
  codesets: CodesetRegistry,
): MappingDiagnostic[] {
  const out: MappingDiagnostic[] = [];
  if (mapping.resource !== entry.code) {
    out.push(
      diagnostic(
        'mapping/resource-mismatch',
        'error',
        ['resource'],
        `the mapping targets ${mapping.resource} but the catalogue entry is ${entry.code}`,
        `映射的目标资源 ${mapping.resource} 与目录条目 ${entry.code} 不一致`,
      ),
    );
  }
  const items = new Map<string, TargetItem>((entry.items ?? []).map((i) => [i.key, i]));
  const known = [...items.keys()].join(', ');
  for (const [key, spec] of Object.entries(mapping.fields)) {
    const item = items.get(key);
    if (!item) {
      out.push(
        diagnostic(
          'mapping/unknown-item',
          'error',
          ['fields', key],
          `"${key}" is not an item of ${entry.code} (items: ${known})`,
          `「${key}」不是资源 ${entry.code} 的信息项（信息项：${known}）`,
        ),
      );
      continue;
    }
    out.push(...checkFieldAgainstItem(key, spec, item, codesets));
  }
  const { key, required } = requiredKeys(mapping, entry);
  key.forEach((k, index) => {
    if (!items.has(k)) {
      out.push(
        diagnostic(
          'mapping/key-unknown',
          'error',
          ['key', index],
          `key "${k}" is not an item of ${entry.code}`,
          `主键「${k}」不是资源 ${entry.code} 的信息项`,
        ),
      );
    } else if (!(k in mapping.fields)) {
      out.push(
        diagnostic(
          'mapping/key-unmapped',
          'error',
          ['key', index],
          `key item "${k}" is not mapped`,
          `主键信息项「${k}」没有映射`,
        ),
      );
    }
  });
  for (const k of required) {
    if (!(k in mapping.fields) && !key.includes(k)) {
      const name = items.get(k)?.name ?? k;
      out.push(
        diagnostic(
          'mapping/required-unmapped',
          'error',
          ['fields'],
          `required item "${k}" (${name}) is not mapped`,
          `必填信息项「${name}」（${k}）没有映射`,
        ),
      );
    }
  }
  return out;
}

type FieldSpec = FieldMapping['fields'][string];

function checkFieldAgainstItem(
  key: string,
  spec: FieldSpec,
  item: TargetItem,
  codesets: CodesetRegistry,
): MappingDiagnostic[] {
  return [...typeProblems(key, spec, item), ...codesProblems(key, spec, item, codesets)];
}

/** Transforms and checks whose result cannot fit the item's type or length (warnings). */
function typeProblems(key: string, spec: FieldSpec, item: TargetItem): MappingDiagnostic[] {
  const out: MappingDiagnostic[] = [];
  const type = (item.type ?? 'C').toUpperCase();
  const mismatch = (path: Array<string | number>, en: string, zh: string) =>
    out.push(diagnostic('mapping/type-mismatch', 'warning', ['fields', key, ...path], en, zh));
  transformsOf(spec).forEach((t, index) => {
    const name = specName(t);
    if (name === 'date' && !['D', 'T', 'C'].includes(type)) {
      mismatch(
        ['transform', index],
        `a date transform feeds item "${key}" of type ${type}`,
        `日期转换的结果写入 ${type} 型信息项「${key}」`,
      );
    }
    if (name === 'number' && !NUMERIC_TYPES.has(type) && type !== 'C') {
      mismatch(
        ['transform', index],
        `a number transform feeds item "${key}" of type ${type}`,
        `数值转换的结果写入 ${type} 型信息项「${key}」`,
      );
    }
  });
  checksOf(spec).forEach((c, index) => {
    if (c === 'idcard' && item.length !== undefined && item.length < 18) {
      mismatch(
        ['check', index],
        `item "${key}" has length ${item.length}, an ID number has 18`,
        `信息项「${key}」长度为 ${item.length}，公民身份号码为 18 位`,
      );
    }
  });
  return out;
}

/**
 * The field's `codes` against the item's code set: a table entry outside the set (error), a translation through
 * another set (warning), no translation at all (warning, unless a check validates the codes or `codes: identity`
 * says the source already holds them).
 */
function codesProblems(
  key: string,
  spec: FieldSpec,
  item: TargetItem,
  codesets: CodesetRegistry,
): MappingDiagnostic[] {
  const out: MappingDiagnostic[] = [];
  const itemSet = item.codeset ? codesets.get(item.codeset) : undefined;
  const codes = spec.codes;
  const untranslated = identityProblem(key, spec, item, itemSet);
  if (untranslated) out.push(untranslated);
  if (!codes || !itemSet || typeof codes !== 'object') return out;
  if ('codeset' in codes && typeof codes.codeset === 'string') {
    const via = codesets.get(codes.codeset);
    if (via && via.id !== itemSet.id) {
      out.push(
        diagnostic(
          'mapping/codeset-mismatch',
          'warning',
          ['fields', key, 'codes', 'codeset'],
          `codes translate through ${via.name} but item "${key}" uses ${itemSet.name}`,
          `代码通过 ${via.name} 转换，但信息项「${key}」使用 ${itemSet.name}`,
        ),
      );
    }
    return out;
  }
  const allowed = new Set(itemSet.codes.map((c) => c.code));
  for (const [legacy, target] of Object.entries(codes as Record<string, string>)) {
    if (allowed.has(String(target))) continue;
    out.push(
      diagnostic(
        'mapping/code-not-in-codeset',
        'error',
        ['fields', key, 'codes', legacy],
        `"${legacy}" maps to "${target}", which is not a code of ${itemSet.name}`,
        `「${legacy}」映射为「${target}」，不是 ${itemSet.name} 中的代码`,
      ),
    );
  }
  return out;
}

/**
 * A coded item filled with source values as they come: membership of the code set is checked on every row, but
 * not meaning — a legacy system where "1" is female passes as GB/T 2261.1 "1 男性". Warned unless the field says
 * the source already holds the national codes (`codes: identity`) or a check of the field or the item validates
 * them (`region` for GB/T 2260, whose codes are national in every system); `codes: identity` on an item without a code set is
 * warned too, as nothing checks the values then.
 */
function identityProblem(
  key: string,
  spec: FieldSpec,
  item: TargetItem,
  itemSet: Codeset | undefined,
): MappingDiagnostic | undefined {
  if (spec.codes === 'identity') {
    if (item.codeset) return undefined;
    return diagnostic(
      'mapping/identity-without-codeset',
      'warning',
      ['fields', key, 'codes'],
      `codes: identity on item "${key}", which has no code set: the values are passed on and nothing checks them`,
      `信息项「${item.name ?? key}」没有代码集，codes: identity 使取值原样通过且不作任何校验`,
    );
  }
  if (!item.codeset || spec.codes !== undefined || spec.value !== undefined || spec.from === undefined) {
    return undefined;
  }
  const checks = [...checksOf(spec), ...listOf(item.check)];
  if (itemSet && isRegionCodeset(itemSet) && checks.includes('region')) return undefined;
  const setName = itemSet?.name ?? item.codeset;
  return diagnostic(
    'mapping/codes-missing',
    'warning',
    ['fields', key],
    `item "${key}" takes codes of ${setName} and the field has no codes: translation: source values pass unchanged, so a legacy code that means something else in the source system is sent as that code of ${setName}; add codes: (a table or { codeset }), or codes: identity when the source already uses ${setName}`,
    `信息项「${item.name ?? key}」取值为 ${setName} 的代码，该字段没有 codes 代码转换：来源值原样通过，源系统中含义不同的代码会被当作 ${setName} 的同名代码发送；请添加 codes（对照表或 { codeset }），如来源已使用 ${setName}，请写 codes: identity`,
  );
}
