/**
 * A business matter `{ code, name, kind }` in the template's one 关联业务事项 cell: `政务服务事项〔code〕name`,
 * `权力事项〔code〕name`, or `事项〔code〕name` without a kind, so that import gives the object back. Free texts
 * (the older form) are written and read as they are.
 */
const KIND_LABEL = { service: '政务服务事项', power: '权力事项' } as const;
const MATTER_CELL = /^(政务服务事项|权力事项|事项)〔([^〔〕]+)〕(.+)$/;

/** The cell text of one value of businessMatters. */
export function matterCell(matter: unknown): string {
  if (!matter || typeof matter !== 'object' || Array.isArray(matter)) return String(matter);
  const { code, name, kind } = matter as { code?: unknown; name?: unknown; kind?: unknown };
  if (typeof code !== 'string' || typeof name !== 'string') return JSON.stringify(matter);
  const label = kind === 'service' || kind === 'power' ? KIND_LABEL[kind] : '事项';
  return `${label}〔${code}〕${name}`;
}

/** The value of businessMatters a part of the cell stands for: a matter object, or the text as written. */
export function matterOfCell(text: string): unknown {
  const match = MATTER_CELL.exec(text);
  if (!match) return text;
  const [, label, code, name] = match;
  const kind = label === KIND_LABEL.service ? 'service' : label === KIND_LABEL.power ? 'power' : undefined;
  return { code: code!.trim(), name: name!.trim(), ...(kind ? { kind } : {}) };
}
