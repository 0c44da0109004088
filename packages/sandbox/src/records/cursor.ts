import { Problem } from '../problems/problem';

/** Cursors are opaque to clients: base64url of a tagged position, so they can change form without breaking them. */
export function encodeCursor(tag: string, position: string | number): string {
  return Buffer.from(`${tag}:${position}`, 'utf8').toString('base64url');
}

export function decodeCursor(tag: string, cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const text = /^[A-Za-z0-9_-]{1,2048}$/.test(cursor)
    ? Buffer.from(cursor, 'base64url').toString('utf8')
    : '';
  if (!text.startsWith(`${tag}:`))
    throw new Problem('request.invalid', 'The cursor was not issued by this list');
  return text.slice(tag.length + 1);
}
