import { replaceValueEdit } from '../../edits';
import { defineRule } from '../../rule';
import { tokenAt } from '../support';

export const rule = defineRule({
  id: 'share/service-as-file',
  severity: 'warning',
  description: {
    zh: '服务接口格式的资源只以文件方式（平台文件或邮件、介质）共享',
    en: 'a `service` format shared only as a file (platform file, or mail or media)',
  },
  hasFix: true,
  scope: 'file',
  check({ file, report }) {
    if (tokenAt(file, ['format', 'class'], 'formatClass') !== 'service') return;
    const methodClass = tokenAt(file, ['share', 'method', 'class'], 'shareMethodClass');
    const method = tokenAt(file, ['share', 'method', 'type'], 'shareMethodType');
    const asFile = method === 'file' || methodClass === 'offline';
    if (!asFile) return;
    const edit =
      method === 'file' && methodClass !== 'offline'
        ? replaceValueEdit(file, ['share', 'method', 'type'], 'api')
        : undefined;
    report({
      at: method === 'file' ? ['share', 'method', 'type'] : ['share', 'method', 'class'],
      message: {
        zh: '资源格式为 service（服务接口），却只以文件方式共享：使用方拿到的是导出的文件而不是接口，应以 api 接口方式通过共享平台共享',
        en: 'the resource is a service (format class service) but is shared only as a file: users get an export, not the interface; share it through the platform as api',
      },
      fixes: edit
        ? [
            {
              title: { zh: '共享方式类型改为 api', en: 'Share as api' },
              edits: [edit],
              // The provider may have no interface open to the platform yet: the user decides.
              suggestion: true,
            },
          ]
        : [],
    });
  },
});
