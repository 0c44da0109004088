import { defineRule } from '../../rule';

/** 分类码 = 类 (1 digit, 1–3) + 项 (2) + 目 (3) + 细目 (any); then "/" and a 顺序码 of digits. */
export const RESOURCE_CODE = /^[1-3]\d{5,}\/\d+$/;

/** Why a code is malformed, most specific reason first. */
export function explainCode(code: string): { zh: string; en: string } | undefined {
  if (RESOURCE_CODE.test(code)) return undefined;
  if (/[／＼]/.test(code) || /[０-９]/.test(code))
    return {
      zh: '含有全角字符（斜杠或数字），请改用半角',
      en: 'contains full-width characters (slash or digits); use ASCII',
    };
  if (/\s/.test(code)) return { zh: '含有空格', en: 'contains spaces' };
  const parts = code.split('/');
  if (parts.length !== 2)
    return {
      zh: '应为「分类码/顺序码」，用一个半角斜杠分隔',
      en: 'must be "classification code/sequence code", separated by one "/"',
    };
  const [classification, sequence] = parts as [string, string];
  if (!/^\d+$/.test(classification))
    return {
      zh: `分类码「${classification}」只能包含数字`,
      en: `the classification code "${classification}" must be digits only`,
    };
  if (!/^[1-3]/.test(classification))
    return {
      zh: `分类码第 1 位（类）应为 1 基础、2 主题或 3 部门，实际为 ${classification[0]}`,
      en: `the first digit (class) must be 1 basic, 2 theme or 3 department, got ${classification[0]}`,
    };
  if (classification.length < 6)
    return {
      zh: `分类码至少 6 位：类 1 位、项 2 位、目 3 位，实际只有 ${classification.length} 位`,
      en: `the classification code needs at least 6 digits (class 1, item 2, entry 3), got ${classification.length}`,
    };
  if (!/^\d+$/.test(sequence))
    return {
      zh: `顺序码「${sequence}」必须是非空的数字`,
      en: `the sequence code "${sequence}" must be non-empty digits`,
    };
  return { zh: '格式不正确', en: 'malformed' };
}

export const rule = defineRule({
  id: 'code/format',
  severity: 'error',
  description: {
    zh: '信息资源代码不是「分类码/顺序码」（类 1 位、项 2 位、目 3 位、细目不定长，全为数字）',
    en: 'the resource code is not "classification/sequence" with class 1 digit, item 2, entry 3, sub-entry any, all digits',
  },
  hasFix: false,
  scope: 'file',
  check({ file, report }) {
    const code = file.string(['code']);
    if (code === undefined || code.trim() === '' || code === 'TODO') return;
    const problem = explainCode(code);
    if (!problem) return;
    report({
      at: ['code'],
      message: { zh: `信息资源代码「${code}」${problem.zh}`, en: `resource code "${code}": ${problem.en}` },
    });
  },
});
