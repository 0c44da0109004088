/**
 * The `name=value` pairs of a query string or an `application/x-www-form-urlencoded` body, percent-decoded
 * (`+` is a space), in order; `undefined` in place of a pair that is not percent-encoded UTF-8.
 */
export function* urlEncodedPairs(text: string): Generator<[name: string, value: string] | undefined> {
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = percentDecode(equals < 0 ? pair : pair.slice(0, equals));
    const value = equals < 0 ? '' : percentDecode(pair.slice(equals + 1));
    yield name === undefined || value === undefined ? undefined : [name, value];
  }
}

function percentDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
