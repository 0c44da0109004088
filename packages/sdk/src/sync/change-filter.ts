import type { WatermarkValue } from './checkpoint';
import { deleteOpFor, keyOf, recordHash, type SnapshotState } from './snapshot-state';
import type { DeleteKey, SourceRow } from './types';

/** A record on its way out, with what the mode needs to remember once the exchange accepts it. */
export interface PendingUpsert {
  row: number;
  source: Record<string, unknown>;
  key?: string;
  hash?: string;
  watermark?: WatermarkValue;
}

/**
 * How a mode decides which rows to send: `full` sends all, `incremental` those above the watermark,
 * `snapshot` those whose content hash changed (and deletes the keys that vanished).
 */
export interface ChangeFilter {
  /** Whether rows delivered by an earlier attempt must be re-mapped on resume (to rebuild the filter's memory). */
  readonly replays: boolean;
  /** Returns the row to send, or undefined when it is unchanged; `canonical`: the record's canonical JSON. */
  consider(
    record: Record<string, unknown>,
    source: SourceRow,
    canonical: Uint8Array,
  ): PendingUpsert | undefined;
  /** A row an earlier attempt of this run already delivered (resume): remember it without sending. */
  replayed(
    record: Record<string, unknown>,
    source: SourceRow,
    wasRejected: boolean,
    canonical: Uint8Array,
  ): void;
  /** A row rejected before sending; `record` is what the mapping could make of it. */
  rejected(record: Record<string, unknown> | undefined): void;
  accepted(upsert: PendingUpsert): void;
  deleteAccepted(key: string): void;
  /** Snapshot mode: the keys that vanished from the source, in a stable order. */
  vanished(): Array<{ key: string; op: DeleteKey }>;
  /** Rows rejected with no readable key: any of them may be the row of a vanished key (snapshot mode). */
  keylessRejects(): number;
  /** Snapshot mode: the keys the last completed run left on the exchange (what a vanished share is out of). */
  known(): number;
}

export function fullFilter(): ChangeFilter {
  return {
    replays: false,
    consider: (_record, source) => ({ row: source.row, source: source.values }),
    replayed: () => {},
    rejected: () => {},
    accepted: () => {},
    deleteAccepted: () => {},
    vanished: () => [],
    keylessRejects: () => 0,
    known: () => 0,
  };
}

/** Compares two watermark values: numerically when both are numbers (or numeric text), else as text. */
export function compareWatermarks(a: WatermarkValue, b: WatermarkValue): number {
  const na = typeof a === 'number' ? a : Number(a);
  const nb = typeof b === 'number' ? b : Number(b);
  if (String(a).trim() !== '' && String(b).trim() !== '' && Number.isFinite(na) && Number.isFinite(nb)) {
    return na - nb;
  }
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export interface IncrementalFilter extends ChangeFilter {
  /** The highest watermark among accepted rows (undefined if none yet). */
  readonly high: WatermarkValue | undefined;
}

/** Rows whose watermark column is at or below the stored watermark are unchanged. */
export function incrementalFilter(
  field: string,
  committed: WatermarkValue | undefined,
  pending: WatermarkValue | undefined,
): IncrementalFilter {
  let high = pending;
  const watermarkOf = (record: Record<string, unknown>, source: SourceRow): WatermarkValue | undefined => {
    const raw = record[field] ?? source.values[field];
    if (typeof raw === 'number') return raw;
    if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
    return undefined;
  };
  return {
    replays: false,
    get high() {
      return high;
    },
    consider(record, source) {
      const watermark = watermarkOf(record, source);
      if (
        watermark !== undefined &&
        committed !== undefined &&
        compareWatermarks(watermark, committed) <= 0
      ) {
        return undefined;
      }
      return { row: source.row, source: source.values, watermark };
    },
    replayed: () => {},
    rejected: () => {},
    accepted(upsert) {
      if (upsert.watermark === undefined) return;
      if (high === undefined || compareWatermarks(upsert.watermark, high) > 0) high = upsert.watermark;
    },
    deleteAccepted: () => {},
    vanished: () => [],
    keylessRejects: () => 0,
    known: () => 0,
  };
}

/**
 * Snapshot mode: `state` holds the hash of every key the exchange has; it is updated as batches are
 * acknowledged (the caller saves it only when the whole run is acknowledged).
 */
export function snapshotFilter(state: SnapshotState, keyFields: readonly string[]): ChangeFilter {
  const seen = new Set<string>();
  const known = state.hashes.size;
  let keyless = 0;
  return {
    replays: true,
    consider(record, source, canonical) {
      const key = keyOf(record, keyFields);
      seen.add(key);
      const hash = recordHash(canonical);
      if (state.hashes.get(key) === hash) return undefined;
      return { row: source.row, source: source.values, key, hash };
    },
    replayed(record, _source, wasRejected, canonical) {
      const key = keyOf(record, keyFields);
      seen.add(key);
      if (!wasRejected) state.hashes.set(key, recordHash(canonical));
    },
    rejected(record) {
      if (
        record &&
        keyFields.every((f) => record[f] !== undefined && record[f] !== null && record[f] !== '')
      ) {
        seen.add(keyOf(record, keyFields));
      } else {
        keyless += 1;
      }
    },
    accepted(upsert) {
      if (upsert.key !== undefined && upsert.hash !== undefined) state.hashes.set(upsert.key, upsert.hash);
    },
    deleteAccepted(key) {
      state.hashes.delete(key);
    },
    vanished() {
      const gone: Array<{ key: string; op: DeleteKey }> = [];
      for (const key of state.hashes.keys())
        if (!seen.has(key)) gone.push({ key, op: deleteOpFor(key, keyFields) });
      return gone;
    },
    keylessRejects: () => keyless,
    known: () => known,
  };
}
