/**
 * Why a snapshot run holds back the deletes of vanished keys instead of sending them:
 * - `empty-input`: the input had no data rows while the last run left keys on the exchange (a failed export job
 *   writes an empty or header-only file; syncing it would withdraw every record);
 * - `mass-delete`: more than half of the last run's keys vanished, and more than `MASS_DELETE_MIN` (a truncated
 *   export);
 * - `keyless-rejects`: rejected rows have no readable key, and any of them may be a vanished key's row.
 */
export type HeldDeletesReason = 'empty-input' | 'mass-delete' | 'keyless-rejects';

/** The options that let each kind of held deletes go (after review). */
export interface DeleteAllowances {
  /** Send the deletes even while rows without a readable key are rejected. */
  allowDeletesWithRejects?: boolean;
  /** Send the deletes of an input without data rows: the department really has no records left. */
  allowEmptySnapshot?: boolean;
  /** Send the deletes even when more than half of the last run's keys vanished. */
  allowMassDelete?: boolean;
}

/** Share of the last run's keys that may vanish in one run without being held. */
export const MASS_DELETE_SHARE = 0.5;
/** Vanished keys that never count as a mass deletion, whatever their share (small resources, test sets). */
export const MASS_DELETE_MIN = 100;

/** What a snapshot run knows when its deletes are due. */
export interface VanishedKeys {
  /** Keys of the last completed run that this run's input lacks. */
  vanished: number;
  /** Keys the last completed run left on the exchange. */
  known: number;
  /** Source items read (data rows and malformed lines), those of an interrupted attempt included. */
  rowsRead: number;
  keylessRejects: number;
}

/**
 * The reason the deletes of `keys` must wait, or undefined when they may go. Each reason needs its own
 * allowance: allowing keyless rejects does not let a truncated export delete half a resource. An empty input is
 * judged as such alone (allowing it means "no records left", so the mass guard does not apply to it).
 */
export function heldDeletesReason(
  keys: VanishedKeys,
  allow: DeleteAllowances,
): HeldDeletesReason | undefined {
  if (keys.vanished === 0) return undefined;
  if (keys.rowsRead === 0) return allow.allowEmptySnapshot ? undefined : 'empty-input';
  if (isMassDeletion(keys) && !allow.allowMassDelete) return 'mass-delete';
  if (keys.keylessRejects > 0 && !allow.allowDeletesWithRejects) return 'keyless-rejects';
  return undefined;
}

function isMassDeletion({ vanished, known }: VanishedKeys): boolean {
  return vanished > MASS_DELETE_MIN && vanished > known * MASS_DELETE_SHARE;
}
