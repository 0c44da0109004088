import { replaceValueEdit } from '../../edits';
import { defineRule } from '../../rule';
import { describeTerm, vocabularies } from '../../vocabulary';
import { tokenAt } from '../support';

export const rule = defineRule({
  id: 'code/class-mismatch',
  severity: 'error',
  description: {
    zh: '资源代码第 1 位（类）与 classification.class 不一致',
    en: "the code's first digit disagrees with classification.class",
  },
  hasFix: true,
  scope: 'file',
  check({ file, report }) {
    const code = file.string(['code'])?.trim();
    const declared = tokenAt(file, ['classification', 'class'], 'classificationClass');
    if (!code || !declared || !/^[1-3]\d/.test(code)) return;
    const fromCode = vocabularies.classificationClass.find((term) => term.code === code[0]);
    if (!fromCode || fromCode.token === declared) return;
    const expected = describeTerm('classificationClass', fromCode.token);
    const actual = describeTerm('classificationClass', declared);
    const edit = replaceValueEdit(file, ['classification', 'class'], fromCode.token);
    report({
      at: ['classification', 'class'],
      message: {
        zh: `资源代码以 ${code[0]} 开头，应为 ${expected.zh}，而 classification.class 为 ${actual.zh}`,
        en: `the code starts with ${code[0]}, which means ${expected.en}, but classification.class is ${actual.en}`,
      },
      fixes: edit
        ? [
            {
              title: { zh: `改为 ${fromCode.token}`, en: `Change the class to ${fromCode.token}` },
              edits: [edit],
              // The code may be the wrong one instead: which of the two is right is the user's call.
              suggestion: true,
            },
          ]
        : [],
    });
  },
});
