import { hasIdcardCheckChar, idcardFacts } from '../identifiers/idcard';
import { diagnostic } from './diagnostics';
import type { FieldMapping, MappingDiagnostic, TargetRecord } from './types';
import type { IssueSink } from './validators';

/** A check across the fields of a mapped record (`checks:` of the mapping). */
export type CrossCheck = (record: TargetRecord, sink: IssueSink) => void;

/** Compiles the mapping's `checks:`; what cannot be compiled is reported into `diagnostics`. */
export function compileCrossChecks(mapping: FieldMapping, diagnostics: MappingDiagnostic[]): CrossCheck[] {
  const out: CrossCheck[] = [];
  (mapping.checks ?? []).forEach((spec, index) => {
    const name = spec && typeof spec === 'object' ? Object.keys(spec)[0] : undefined;
    if (name !== 'idcard-consistent') {
      diagnostics.push(
        diagnostic(
          'mapping/unknown-check',
          'error',
          ['checks', index],
          `unknown cross-field check "${String(name)}" (known: idcard-consistent)`,
          `未知的跨字段校核「${String(name)}」（可用：idcard-consistent）`,
        ),
      );
      return;
    }
    const params = spec['idcard-consistent'];
    for (const role of ['idcard', 'sex', 'birthDate'] as const) {
      const target = params?.[role];
      if (target !== undefined && !(target in mapping.fields)) {
        diagnostics.push(
          diagnostic(
            'mapping/check-field-unmapped',
            'error',
            ['checks', index, 'idcard-consistent', role],
            `idcard-consistent refers to "${target}", which is not mapped`,
            `idcard-consistent 引用的「${target}」没有映射`,
          ),
        );
      }
    }
    if (!params?.idcard) return;
    out.push(compileIdcardConsistent(params.idcard, params.sex, params.birthDate));
  });
  return out;
}

/** Sex must agree with the 17th digit (odd male, even female) and the birth date with digits 7–14. */
function compileIdcardConsistent(
  idKey: string,
  sexKey: string | undefined,
  birthKey: string | undefined,
): CrossCheck {
  return (record, sink) => {
    const id = record[idKey];
    if (typeof id !== 'string' || !hasIdcardCheckChar(id)) return;
    if (sexKey !== undefined) {
      const sex = record[sexKey];
      const male = (id.charCodeAt(16) - 48) % 2 === 1;
      if ((sex === '1' && !male) || (sex === '2' && male)) {
        const says = male ? ['male', '男性'] : ['female', '女性'];
        sink.error({
          field: sexKey,
          rule: 'idcard-consistent',
          value: sex,
          message: `sex ${sex} disagrees with the ID number ${id} (17th digit says ${says[0]})`,
          zh: `性别 ${sex} 与公民身份号码 ${id} 不一致（第 17 位表示${says[1]}）`,
        });
      }
    }
    if (birthKey !== undefined) {
      const birth = record[birthKey];
      if (typeof birth === 'string' && birth !== '' && !sameBirthDate(birth, id)) {
        const fromId = idcardFacts(id).birthDate;
        sink.error({
          field: birthKey,
          rule: 'idcard-consistent',
          value: birth,
          message: `birth date ${birth} disagrees with the ID number ${id} (${fromId})`,
          zh: `出生日期 ${birth} 与公民身份号码 ${id} 中的 ${fromId} 不一致`,
        });
      }
    }
  };
}

/** `YYYY-MM-DD` equals digits 7–14 of the ID number, compared without allocating. */
function sameBirthDate(birth: string, id: string): boolean {
  if (birth.length !== 10) return false;
  for (let i = 0, j = 6; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    if (birth.charCodeAt(i) !== id.charCodeAt(j++)) return false;
  }
  return true;
}
