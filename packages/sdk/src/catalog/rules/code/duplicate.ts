import { defineRule } from '../../rule';
import { listOtherFiles } from '../support';

export const rule = defineRule({
  id: 'code/duplicate',
  severity: 'error',
  description: {
    zh: '两个文件声明了同一个信息资源代码（全工作区）',
    en: 'two files declare the same code (whole workspace)',
  },
  hasFix: false,
  scope: 'workspace',
  check({ self, workspace, report }) {
    const code = self.code;
    if (!code || code === 'TODO') return;
    const same = workspace.byCode.get(code) ?? [];
    if (same.length < 2) return;
    const others = listOtherFiles(same, self);
    report({
      at: ['code'],
      message: {
        zh: `信息资源代码「${code}」重复，另见：${others}`,
        en: `resource code "${code}" is also declared in ${others}`,
      },
    });
  },
});
