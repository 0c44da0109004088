import { DUPLICATE_POLICIES, type DuplicatePolicy } from '@unsilo/sdk/mapping';
import { CliError } from './cli-error';

/** The help of `--duplicates` (map preview, map run, sync). */
export const duplicatesHelp =
  '同一主键出现多行时：reject 全部拒收并指出其他行号（默认）；last 保留最后一行，之前各行计为被替代（适用于变更日志导出）/ rows sharing a key: reject rejects every one, naming the others (default); last keeps the last and counts the earlier ones as replaced (for change-log exports): reject | last';

/** The value of `--duplicates`; anything else is a usage error (exit 2). */
export function duplicatePolicy(value: string): DuplicatePolicy {
  if ((DUPLICATE_POLICIES as readonly string[]).includes(value)) return value as DuplicatePolicy;
  throw new CliError(
    'usage.duplicates',
    `--duplicates must be reject or last (got ${value}) / --duplicates 只能是 reject 或 last（收到 ${value}）`,
  );
}
