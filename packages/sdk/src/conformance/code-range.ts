/**
 * The resource codes a conformance run may create: one classification code and a range of sequence numbers the
 * operator reserves on the exchange. The contract has no delete and a withdrawn code can never be filed again, so
 * a run never reuses a code: it asks the exchange which codes of the range exist and takes the next free ones.
 */
export interface CodeRange {
  classification: string;
  from: number;
  to: number;
}

/**
 * The default range: class 3 (部门), 项 99, 目 999 and 细目 999999 — a classification no department files under —
 * with sequence numbers 900000–999999.
 */
export const DEFAULT_CODE_RANGE = '399999999999/900000-999999';

export class CodeRangeError extends Error {
  override readonly name = 'CodeRangeError';
}

/** Parses `CLASSIFICATION/FROM-TO`, e.g. `399999999999/900000-999999`. */
export function parseCodeRange(text: string): CodeRange {
  const match = /^([1-3]\d{5,19})\/(\d{1,6})-(\d{1,6})$/.exec(text.trim());
  if (!match) {
    throw new CodeRangeError(
      `--code-range ${JSON.stringify(text)}: expected CLASSIFICATION/FROM-TO, e.g. ${DEFAULT_CODE_RANGE} / 格式应为 分类码/起始顺序码-结束顺序码`,
    );
  }
  const [, classification, from, to] = match;
  const range = { classification: classification!, from: Number(from), to: Number(to) };
  if (range.from > range.to) {
    throw new CodeRangeError(`--code-range ${text}: ${from} is after ${to} / 起始顺序码大于结束顺序码`);
  }
  return range;
}

export function formatCode(range: CodeRange, sequence: number): string {
  return `${range.classification}/${String(sequence).padStart(6, '0')}`;
}

/** Whether a code lies in the range (for listing what a run may touch). */
export function inRange(range: CodeRange, code: string): boolean {
  const [classification, sequence] = code.split('/');
  const n = Number(sequence);
  return classification === range.classification && Number.isInteger(n) && n >= range.from && n <= range.to;
}

/**
 * Taken codes in a row after which the allocator gives up: a reserved range is mostly free, so this many means the
 * range is used up or the exchange answers every code (a static mock does) — not a reason to probe a million.
 */
const MAX_TAKEN_IN_A_ROW = 200;

/**
 * Hands out codes of the range the exchange does not hold: `exists` asks the exchange (as a caller who sees every
 * entry, drafts and withdrawn ones included). The start is random so that runs against one exchange rarely probe
 * the same codes; a taken code is skipped.
 */
export function createCodeAllocator(
  range: CodeRange,
  exists: (code: string) => Promise<boolean>,
  random: () => number = Math.random,
) {
  const size = range.to - range.from + 1;
  let offset = Math.floor(random() * size);
  let probed = 0;
  return async function nextCode(): Promise<string> {
    let takenInARow = 0;
    while (probed < size) {
      const code = formatCode(range, range.from + (offset % size));
      offset += 1;
      probed += 1;
      if (!(await exists(code))) return code;
      takenInARow += 1;
      if (takenInARow === MAX_TAKEN_IN_A_ROW) {
        throw new CodeRangeError(
          `${MAX_TAKEN_IN_A_ROW} codes in a row of ${range.classification}/${range.from}-${range.to} are taken: the range is used up or the exchange answers every code; reserve another range / 连续 ${MAX_TAKEN_IN_A_ROW} 个代码已被占用，请预留其他代码段`,
        );
      }
    }
    throw new CodeRangeError(
      `every code of ${range.classification}/${range.from}-${range.to} is taken; reserve another range / 预留的代码已用尽`,
    );
  };
}
