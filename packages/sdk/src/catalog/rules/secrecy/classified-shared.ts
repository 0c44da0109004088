import { defineRule } from '../../rule';
import { describeTerm } from '../../vocabulary';
import { tokenAt } from '../support';

export const rule = defineRule({
  id: 'secrecy/classified-shared',
  severity: 'error',
  description: {
    zh: '涉密资源（secrecy: classified）却在共享平台上共享或向社会开放',
    en: 'a classified resource (secrecy: classified) shared on the platform or open to the public',
  },
  hasFix: false,
  scope: 'file',
  check({ file, report }) {
    if (tokenAt(file, ['secrecy'], 'secrecy') !== 'classified') return;
    // 国发〔2016〕51号 第十三条: classified resources go through the platform of the e-government intranet,
    // which this exchange is not; the public never sees them.
    const share = tokenAt(file, ['share', 'type'], 'shareType');
    if (share !== undefined && share !== 'none') {
      const term = describeTerm('shareType', share);
      report({
        at: ['share', 'type'],
        message: {
          zh: `涉密政务信息资源不得通过共享平台共享，而 share.type 为 ${term.zh}：应改为 none 并在 share.condition 写明依据，涉密资源按国家保密规定在电子政务内网共享`,
          en: `a classified resource is never shared on the platform, but share.type is ${term.en}: make it none with the basis in share.condition; classified resources are shared on the e-government intranet under the secrecy rules`,
        },
      });
    }
    const open = tokenAt(file, ['open', 'type'], 'openType');
    if (open !== undefined && open !== 'none') {
      const term = describeTerm('openType', open);
      report({
        at: ['open', 'type'],
        message: {
          zh: `涉密政务信息资源不得向社会开放，而 open.type 为 ${term.zh}：应改为 none`,
          en: `a classified resource is never open to the public, but open.type is ${term.en}: make it none`,
        },
      });
    }
  },
});
