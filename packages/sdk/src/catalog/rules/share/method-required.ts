import { defineRule } from '../../rule';
import { isBlank, tokenAt } from '../support';

export const rule = defineRule({
  id: 'share/method-required',
  severity: 'error',
  description: { zh: '共享的资源（非不予共享）未写明共享方式', en: 'shared (not `none`) without a method' },
  hasFix: false,
  scope: 'file',
  check({ file, report }) {
    const shareType = tokenAt(file, ['share', 'type'], 'shareType');
    if (shareType !== 'unconditional' && shareType !== 'conditional') return;
    if (isBlank(file.get(['share', 'method', 'class']))) {
      report({
        at: ['share', 'method', 'class'],
        part: 'key',
        message: {
          zh: '共享的资源必须写明共享方式 share.method.class（platform 共享平台方式 / offline 邮件或介质）',
          en: 'a shared resource needs share.method.class (platform / offline)',
        },
      });
      return;
    }
    if (
      tokenAt(file, ['share', 'method', 'class'], 'shareMethodClass') === 'platform' &&
      isBlank(file.get(['share', 'method', 'type']))
    ) {
      report({
        at: ['share', 'method', 'type'],
        part: 'key',
        message: {
          zh: '通过共享平台共享时必须写明 share.method.type（api 接口 / database 数据库 / file 文件）',
          en: 'sharing through the platform needs share.method.type (api / database / file)',
        },
      });
    }
  },
});
