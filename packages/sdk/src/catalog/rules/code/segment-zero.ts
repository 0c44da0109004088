import { defineRule } from '../../rule';
import { RESOURCE_CODE } from './format';

export const rule = defineRule({
  id: 'code/segment-zero',
  severity: 'error',
  description: {
    zh: '信息资源代码的项（第 2–3 位）为 00 或目（第 4–6 位）为 000：分类码的每一级都须编号',
    en: "the resource code's item (digits 2–3) is 00 or its entry (digits 4–6) is 000: every level of the classification is numbered",
  },
  hasFix: false,
  scope: 'file',
  check({ file, report }) {
    const code = file.string(['code']);
    // A malformed code is code/format's to explain.
    if (code === undefined || !RESOURCE_CODE.test(code)) return;
    const item = code.slice(1, 3);
    const entry = code.slice(3, 6);
    if (item !== '00' && entry !== '000') return;
    const zeros = [
      item === '00' ? { zh: '项（第 2–3 位）为 00', en: 'item (digits 2–3) is 00' } : undefined,
      entry === '000' ? { zh: '目（第 4–6 位）为 000', en: 'entry (digits 4–6) is 000' } : undefined,
    ].filter((zero) => zero !== undefined);
    report({
      at: ['code'],
      message: {
        zh: `信息资源代码「${code}」的${zeros.map((zero) => zero.zh).join('、')}，00、000 不是任何项或目的编号，应填写资源所属的项和目`,
        en: `resource code "${code}": ${zeros.map((zero) => zero.en).join(' and ')}; 00 and 000 number no item or entry, so give the item and entry the resource belongs to`,
      },
    });
  },
});
