import { replaceValueEdit } from '../../edits';
import { defineRule } from '../../rule';
import { tokenAt } from '../support';

export const rule = defineRule({
  id: 'open/requires-share',
  severity: 'error',
  description: { zh: '不予共享的资源却向社会开放', en: 'not shared (`none`) but open to the public' },
  hasFix: true,
  scope: 'file',
  check({ file, report }) {
    if (tokenAt(file, ['share', 'type'], 'shareType') !== 'none') return;
    const open = tokenAt(file, ['open', 'type'], 'openType');
    if (!open || open === 'none') return;
    const edit = replaceValueEdit(file, ['open', 'type'], 'none');
    report({
      at: ['open', 'type'],
      message: {
        zh: '不予共享的资源不能向社会开放：open.type 应为 none（不予开放）',
        en: 'a resource that is not shared cannot be open to the public: open.type must be none',
      },
      fixes: edit
        ? [
            {
              title: { zh: '改为 none（不予开放）', en: 'Set open.type to none' },
              edits: [edit],
              // The share type may be the wrong one instead: which of the two is right is the user's call.
              suggestion: true,
            },
          ]
        : [],
    });
  },
});
