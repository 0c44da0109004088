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
    const same = workspace.byCode.get(code) ?? [];
    if (same.length < 2) return;
    // Only a few files are named, so thousands of clashes stay linear.
    const others = same
      .slice(0, 4)
      .filter((other) => other !== file)
      .map((other) => other.path);
    report({
      at: ['code'],
      message: {
        zh: `信息资源代码「${code}」重复，另见：${listFiles(others, 3, same.length - 1)}`,
        en: `resource code "${code}" is also declared in ${listFiles(others, 3, same.length - 1)}`,
      },
    });
  },
});
