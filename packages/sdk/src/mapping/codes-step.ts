import { type AbolishedCode, type Codeset, type CodesetRegistry, noLongerCurrentIssue } from './codesets';
import { MappingCompileError } from './compile-error';
import type { Step } from './transform-steps';
import type { FieldSpec } from './types';

/** What a source value stands for in a code set: a code, a code no longer current, or several codes. */
type Meaning = { code: string; abolished?: AbolishedCode } | { ambiguous: string[] };

/**
 * The form source values are compared in: full-width letters and digits as half-width (NFKC), no surrounding
 * space, Latin letters in lower case — `Ｍ`, `m` and `M` are one value.
 */
function looseKey(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase();
}

/**
 * The values a code set translates, each with what it means. Codes come first, then the current names (label,
 * English label, aliases), then codes and names of earlier editions; a value two codes of the same rank claim is
 * ambiguous and translates to neither.
 */
function codesetMeanings(set: Codeset, byName: boolean): Map<string, Meaning> {
  const meanings = new Map<string, Meaning>();
  let rank = new Map<string, Meaning>();
  const claim = (value: string | undefined, meaning: { code: string; abolished?: AbolishedCode }) => {
    if (value === undefined || value === '') return;
    const key = looseKey(value);
    if (meanings.has(key)) return; // a higher rank has it
    const earlier = rank.get(key);
    if (!earlier) rank.set(key, meaning);
    else if ('code' in earlier && earlier.code !== meaning.code)
      rank.set(key, { ambiguous: [earlier.code, meaning.code] });
    else if ('ambiguous' in earlier && !earlier.ambiguous.includes(meaning.code))
      earlier.ambiguous.push(meaning.code);
  };
  const closeRank = () => {
    for (const [key, meaning] of rank) meanings.set(key, meaning);
    rank = new Map();
  };
  for (const c of set.codes) claim(c.code, { code: c.code });
  closeRank();
  if (byName) {
    for (const c of set.codes)
      for (const name of [c.label, c.labelEn, ...(c.aliases ?? [])]) claim(name, { code: c.code });
    closeRank();
  }
  for (const a of set.abolished ?? []) claim(a.code, { code: a.code, abolished: a });
  closeRank();
  if (byName) for (const a of set.abolished ?? []) claim(a.label, { code: a.code, abolished: a });
  closeRank();
  return meanings;
}

/** A step translating through a standard code set (by name: codes and names; by code: codes only). */
function codesetStep(field: string, set: Codeset, byName: boolean): Step {
  const meanings = codesetMeanings(set, byName);
  const source = set.name;
  return (v, sink) => {
    const meaning = meanings.get(v) ?? meanings.get(looseKey(v));
    if (meaning && 'code' in meaning) {
      if (meaning.abolished) sink.warning(noLongerCurrentIssue(field, source, meaning.abolished));
      return meaning.code;
    }
    if (meaning) {
      // A name like 郊区 stands for dozens of codes: name a few.
      const all = meaning.ambiguous;
      const codes = all.length > 6 ? [...all.slice(0, 5), `… ${all.length}`] : all;
      sink.error({
        field,
        rule: 'codes',
        value: v,
        message: `"${v}" names several codes of ${source} (${codes.join(', ')}): translate by code or with a codes table`,
        zh: `「${v}」对应 ${source} 中的多个代码（${codes.join('、')}），请按代码转换或使用代码对照表`,
      });
      return undefined;
    }
    sink.error(notCovered(field, v, ` ${source} `, source));
    return undefined;
  };
}

function notCovered(field: string, v: string, zhSource: string, enSource: string) {
  return {
    field,
    rule: 'codes',
    value: v,
    message: `value "${v}" is not covered by ${enSource}`,
    zh: `值「${v}」不在${zhSource}中`,
  };
}

/**
 * Compiles a field's `codes`: a table legacy value → target code, or a standard code set (by name or by code).
 * Throws a `MappingCompileError` for a code set the registry does not hold.
 */
export function compileCodes(
  field: string,
  spec: NonNullable<FieldSpec['codes']>,
  codesets: CodesetRegistry,
): Step {
  if (typeof (spec as { codeset?: unknown }).codeset === 'string') {
    const { codeset, by = 'name' } = spec as { codeset: string; by?: 'name' | 'code' };
    const set = codesets.get(codeset);
    if (!set) {
      throw new MappingCompileError(
        'mapping/codeset-unknown',
        `code set "${codeset}" is not in the registry`,
        `代码集「${codeset}」不在代码集登记中`,
      );
    }
    return codesetStep(field, set, by === 'name');
  }
  const table = new Map<string, string>();
  for (const [legacy, target] of Object.entries(spec as Record<string, string>))
    table.set(legacy, String(target));
  return (v, sink) => {
    const out = table.get(v);
    if (out !== undefined) return out;
    sink.error(notCovered(field, v, '代码对照表', 'the codes table'));
    return undefined;
  };
}
