import { defineRule } from '../../rule';

export const rule = defineRule({
  id: 'related/unresolved',
  severity: 'warning',
  description: {
    zh: '关联资源代码在工作区中没有对应的文件',
    en: 'a related code that no file of the workspace declares',
  },
  hasFix: false,
  scope: 'workspace',
  check({ self, workspace, report }) {
    for (const { at, code } of self.related) {
      if (workspace.declares(code)) continue;
      report({
        at,
        message: {
          zh: `关联资源代码「${code}」在工作区中找不到对应的资源`,
          en: `related code "${code}" is not declared by any file of the workspace`,
        },
      });
    }
  },
});
