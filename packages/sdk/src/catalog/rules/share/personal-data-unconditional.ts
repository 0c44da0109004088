import { replaceValueEdit } from '../../edits';
import { defineRule } from '../../rule';
import { itemString, itemsOf, tokenAt } from '../support';
import { type PersonalDataRole, personalDataKind } from './personal-data';

/** Item names a message quotes before "…". */
const NAMES_SHOWN = 5;

/** An ID number or sensitive data is personal by itself; a phone or an address is beside a name or an ID. */
function isPersonal(roles: ReadonlySet<PersonalDataRole>): boolean {
  if (roles.has('identifier') || roles.has('sensitive')) return true;
  return roles.has('contact') && roles.has('name');
}

export const rule = defineRule({
  id: 'share/personal-data-unconditional',
  severity: 'error',
  description: {
    zh: '含个人信息（公民身份号码，姓名与电话、住址，健康、婚姻、宗教、违法犯罪、收入等）却无条件共享',
    en: 'unconditional sharing of personal data (ID number; name with phone or address; health, marriage, religion, criminal record, income…)',
  },
  hasFix: true,
  scope: 'file',
  check({ file, report }) {
    if (tokenAt(file, ['share', 'type'], 'shareType') !== 'unconditional') return;
    const names: string[] = [];
    const roles = new Set<PersonalDataRole>();
    for (const { index, item } of itemsOf(file)) {
      const field = (key: string) =>
        item[key] === undefined ? undefined : itemString(file, index, item, key);
      const name = field('name');
      const kind = personalDataKind(name, field('key'), field('codeset'));
      if (!kind) continue;
      roles.add(kind.role);
      names.push(name ?? field('key') ?? `#${index + 1}`);
    }
    if (!isPersonal(roles)) return;
    const shown = names.slice(0, NAMES_SHOWN);
    const more = names.length > NAMES_SHOWN;
    const edit = replaceValueEdit(file, ['share', 'type'], 'conditional');
    report({
      at: ['share', 'type'],
      message: {
        zh: `信息项${shown.map((name) => `「${name}」`).join('')}${more ? `等 ${names.length} 项` : ''}是个人信息，不能无条件共享：share.type 应为 conditional（有条件共享），并在 share.condition 中写明条件`,
        en: `the items ${shown.map((name) => `"${name}"`).join(', ')}${more ? ` and ${names.length - NAMES_SHOWN} more` : ''} are personal data and cannot be shared unconditionally: share.type must be conditional, with its conditions in share.condition`,
      },
      fixes: edit
        ? [
            {
              title: { zh: '改为 conditional（有条件共享）', en: 'Set share.type to conditional' },
              edits: [edit],
              // Who may use the data, and how, is a decision the fix cannot make: the condition is still to write.
              suggestion: true,
            },
          ]
        : [],
    });
  },
});
