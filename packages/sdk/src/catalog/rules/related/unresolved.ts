import { defineRule } from '../../rule';
import type { EntryPath } from '../../types';

export const rule = defineRule({
  id: 'related/unresolved',
  severity: 'warning',
  description: {
    zh: '关联资源代码在工作区中没有对应的文件',
    en: 'a related code that no file of the workspace declares',
  },
  hasFix: false,
  scope: 'workspace',
  check({ file, workspace, report }) {
    const related = file.get(['related']);
    const entries: Array<[EntryPath, string]> = [];
    if (Array.isArray(related)) {
      related.forEach((_, index) => {
        const code = file.string(['related', index]);
        if (code) entries.push([['related', index], code]);
      });
    } else if (typeof related === 'string' || typeof related === 'number') {
      for (const code of String(file.string(['related'])).split(/[,;，；、\s]+/)) {
        if (code) entries.push([['related'], code]);
      }
    }
    for (const [path, code] of entries) {
      if (workspace.declares(code)) continue;
      report({
        at: path,
        message: {
          zh: `关联资源代码「${code}」在工作区中找不到对应的资源`,
          en: `related code "${code}" is not declared by any file of the workspace`,
        },
      });
    }
  },
});
