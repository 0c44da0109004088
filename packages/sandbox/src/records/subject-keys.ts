// How an erasure finds a data subject among canonical record keys (RFC 8785 JSON objects of the key fields):
// a LIKE pattern narrows the rows in the database, then each candidate key is parsed and compared field by
// field, so that a subject that is only part of a value (an ID number inside a longer one) never matches.

/** A LIKE pattern (escape character `\`) that every canonical key with a field equal to `subject` matches. */
export function subjectLikePattern(subject: string): string {
  const asJson = JSON.stringify(subject).slice(1, -1);
  return `%${asJson.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Whether a field of the canonical key equals the subject (a number or boolean compares as its JSON text). */
export function keyNamesSubject(recordKey: string, subject: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(recordKey);
  } catch {
    return false;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
  return Object.values(parsed).some(
    (value) => (typeof value === 'string' ? value : JSON.stringify(value)) === subject,
  );
}
