import { replaceValueEdit } from '../../edits';
import { defineRule } from '../../rule';
import { tokenAt } from '../support';

export const rule = defineRule({
  id: 'open/wider-than-share',
  severity: 'error',
  description: {
    zh: '有条件共享的资源却无条件向社会开放',
    en: 'open to the public unconditionally while shared only on conditions',
  },
  hasFix: true,
  scope: 'file',
  check({ file, report }) {
    // Sharing `none` with any opening is open/requires-share's to report.
    if (tokenAt(file, ['share', 'type'], 'shareType') !== 'conditional') return;
    if (tokenAt(file, ['open', 'type'], 'openType') !== 'unconditional') return;
    const edit = replaceValueEdit(file, ['open', 'type'], 'conditional');
    report({
      at: ['open', 'type'],
      message: {
        zh: '开放范围不能宽于共享范围：有条件共享的资源不能无条件开放，open.type 应为 conditional（有条件开放）或 none',
        en: 'opening cannot be wider than sharing: a conditionally shared resource cannot be open unconditionally; open.type must be conditional or none',
      },
      fixes: edit
        ? [
            {
              title: { zh: '改为 conditional（有条件开放）', en: 'Set open.type to conditional' },
              edits: [edit],
              // The share type may be the wrong one instead, and the opening then needs a condition of its own.
              suggestion: true,
            },
          ]
        : [],
    });
  },
});
