import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** One reason rows were rejected for, how often, and the first row it happened to. */
export interface RejectReason {
  rule: string;
  field: string;
  count: number;
  /** The first rejected row with this reason: its number in the source, the message, and the row as read. */
  example: { row: number | null; message: string; zh?: string; value?: string; source?: unknown };
}

interface RejectLine {
  row: number | null;
  errors?: Array<{ rule: string; field?: string; message: string; zh?: string; value?: string }>;
  source?: unknown;
}

/**
 * The most frequent reasons in a sync's rejects file (NDJSON, one rejected row a line), by rule and field,
 * each with its first row. A row with several errors counts once for each.
 */
export async function topRejectReasons(file: string, limit = 5): Promise<RejectReason[]> {
  const reasons = new Map<string, RejectReason>();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const text of lines) {
    if (text.trim() === '') continue;
    const line = JSON.parse(text) as RejectLine;
    for (const error of line.errors ?? []) {
      const id = `${error.rule}\u0000${error.field ?? ''}`;
      const known = reasons.get(id);
      if (known) {
        known.count += 1;
        continue;
      }
      reasons.set(id, {
        rule: error.rule,
        field: error.field ?? '',
        count: 1,
        example: {
          row: line.row,
          message: error.message,
          ...(error.zh ? { zh: error.zh } : {}),
          ...(error.value === undefined ? {} : { value: error.value }),
          ...(line.source === undefined ? {} : { source: line.source }),
        },
      });
    }
  }
  return [...reasons.values()]
    .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule))
    .slice(0, limit);
}

/** The reasons as lines for a terminal: count, rule, message, and the example row. */
export function formatRejectReasons(reasons: readonly RejectReason[]): string[] {
  return reasons.map(
    (r) =>
      `  ${r.count} × ${r.rule}${r.field ? ` (${r.field})` : ''}: ${r.example.zh ?? r.example.message}\n` +
      `      e.g. row ${r.example.row ?? '—'}: ${JSON.stringify(r.example.source ?? r.example.value ?? null)}`,
  );
}
