import type { FieldFinding } from '@unsilo/sdk';

/**
 * The upserts of a batch that share their key with another upsert of the same batch, by index. Which of them
 * the provider meant cannot be known (applying them in order would keep the last one silently), so every
 * record of a repeated key is rejected with reason `duplicate`, naming the others.
 */
export function repeatedKeys(keys: ReadonlyArray<string | undefined>): Map<number, number[]> {
  const byKey = new Map<string, number[]>();
  keys.forEach((key, index) => {
    if (key === undefined) return;
    const indices = byKey.get(key);
    if (indices) indices.push(index);
    else byKey.set(key, [index]);
  });
  const repeated = new Map<number, number[]>();
  for (const indices of byKey.values()) {
    if (indices.length < 2) continue;
    for (const index of indices)
      repeated.set(
        index,
        indices.filter((other) => other !== index),
      );
  }
  return repeated;
}

/** Why an upsert is rejected when its key recurs in the batch at the `others` indices. */
export function duplicateFinding(
  record: Record<string, unknown>,
  keyFields: readonly string[],
  others: readonly number[],
): FieldFinding {
  const where = others.join(', ');
  const value = keyFields.map((field) => String(record[field])).join(', ');
  return {
    field: keyFields.join(','),
    rule: 'duplicate',
    value,
    message: `The key ${value} occurs again in this batch at upsert index ${where}; every record of a repeated key is rejected`,
    zh: `主键 ${value} 在本批中重复出现（upsert 序号 ${where}），重复主键的记录全部拒收`,
  };
}
