import { Problem } from '../problems/problem';

// `fatal`: a byte sequence that is not UTF-8 is refused, never stored as U+FFFD.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A body's bytes as text; 400 `request.invalid` when they are not UTF-8. */
export function utf8Text(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new Problem('request.invalid', 'The body is not valid UTF-8', {
      zh: '请求体不是有效的 UTF-8 编码',
    });
  }
}
