import { defineRule } from '../../rule';

/**
 * An entry names the system that holds its data (`system:`); the id must be one of the city's systems
 * registry (`systems:` of unsilo.config.yaml). Without a registry there is nothing to check against.
 */
export const rule = defineRule({
  id: 'system/unknown',
  severity: 'warning',
  description: {
    zh: 'system 指向的信息系统不在城市信息系统登记表中（仅在配置了 systems 时检查）',
    en: "system names an id that the city's systems registry does not list (checked when systems is configured)",
  },
  hasFix: false,
  scope: 'file',
  check({ file, config, report }) {
    const known = config.knownSystems;
    const id = file.string(['system'])?.trim();
    if (!known || !id || known.has(id)) return;
    report({
      at: ['system'],
      message: {
        zh: `信息系统「${id}」不在系统登记表中（unsilo.config.yaml 的 systems）`,
        en: `system "${id}" is not in the systems registry (systems of unsilo.config.yaml)`,
      },
    });
  },
});
