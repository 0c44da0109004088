import { defineRule } from '../../rule';
import { listOtherFiles } from '../support';

export const rule = defineRule({
  id: 'name/duplicate',
  severity: 'warning',
  description: {
    zh: '同一提供方的两个资源同名',
    en: 'two resources of one provider share a name',
  },
  hasFix: false,
  scope: 'workspace',
  check({ self, workspace, report }) {
    const { name, provider } = self;
    if (!name || !provider) return;
    const same = workspace.sameName(self);
    if (same.length < 2) return;
    const others = listOtherFiles(same, self);
    report({
      at: ['name'],
      message: {
        zh: `同一提供方已有名为「${name.trim()}」的资源：${others}`,
        en: `the same provider already has a resource named "${name.trim()}": ${others}`,
      },
    });
  },
});
