import { defineRule } from '../../rule';
import { listFiles } from '../support';

export const rule = defineRule({
  id: 'code/duplicate',
  severity: 'error',
  description: {
    zh: '两个文件声明了同一个信息资源代码（全工作区）',
    en: 'two files declare the same code (whole workspace)',
  },
  hasFix: false,
  scope: 'workspace',
  check({ file, workspace, report }) {
    const code = file.string(['code'])?.trim();
    if (!code || code === 'TODO') return;
    const others = (workspace.byCode.get(code) ?? [])
      .filter((other) => other !== file)
      .map((other) => other.path);
    if (others.length === 0) return;
    report({
      at: ['code'],
      message: {
        zh: `信息资源代码「${code}」重复，另见：${listFiles(others)}`,
        en: `resource code "${code}" is also declared in ${listFiles(others)}`,
      },
    });
  },
});
