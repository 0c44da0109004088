import { defineRule } from '../../rule';
import { namesLegalBasis } from '../condition-text';
import { isBlank, tokenAt } from '../support';

export const rule = defineRule({
  id: 'share/basis-not-legal',
  severity: 'error',
  description: {
    zh: '不予共享的依据未指明法律法规或政策文件（《…》、…法/条例/规定/办法、第…条）',
    en: '`none` whose basis names no law, regulation or policy document (《…》, …法/条例/规定/办法, 第…条)',
  },
  hasFix: false,
  scope: 'file',
  check({ file, report }) {
    if (tokenAt(file, ['share', 'type'], 'shareType') !== 'none') return;
    const basis = file.string(['share', 'condition']);
    // A blank basis is share/basis-required's to report.
    if (basis === undefined || isBlank(basis) || namesLegalBasis(basis)) return;
    report({
      at: ['share', 'condition'],
      message: {
        zh: `不予共享的依据「${basis.trim()}」未指明法律法规或政策文件：请写明文件名称（如《中华人民共和国居民身份证法》）或条款（第…条）`,
        en: `the basis "${basis.trim()}" for not sharing names no law, regulation or policy document: name the document (e.g. 《中华人民共和国居民身份证法》) or its article (第…条)`,
      },
    });
  },
});
