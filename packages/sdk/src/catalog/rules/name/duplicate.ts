import { defineRule } from '../../rule';
import { normalizeName, providerIdentity } from '../../workspace';
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
  check({ file, workspace, report }) {
    const name = file.string(['name']);
    const provider = providerIdentity(file);
    if (!name || !provider) return;
    const same = workspace.byProviderAndName.get(`${provider}\u0000${normalizeName(name)}`) ?? [];
    if (same.length < 2) return;
    const others = listOtherFiles(same, file);
    report({
      at: ['name'],
      message: {
        zh: `同一提供方已有名为「${name.trim()}」的资源：${others}`,
        en: `the same provider already has a resource named "${name.trim()}": ${others}`,
      },
    });
  },
});
