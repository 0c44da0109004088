/** What `\s` matches in a JavaScript regular expression (the full-width space U+3000 included). */
export function isWhitespace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `/\s/.test(text)` without the regular expression: names are checked by the thousand. */
export function hasWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isWhitespace(text.charCodeAt(i))) return true;
  return false;
}
