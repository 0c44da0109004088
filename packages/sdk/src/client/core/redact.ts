/**
 * The one place that cuts credentials out of what the client reports (error texts, problem bodies,
 * URLs). Errors end up in logs, so whatever the client knows to be a credential (the client secret,
 * recent tokens and signatures) is replaced by a marker, and so are values that sit in a credential's
 * place (an Authorization header, a `client_secret` form field, an `X-Signature`).
 *
 * Only exact values standing as whole tokens are cut: with the secret "client", "clientId" and
 * "client_id" stay readable and only a lone "client" goes.
 */

export const redactionMarker = '[REDACTED]';

// A token is a run of letters, digits, marks, "_" and "-". A match glued to one of these is part of a
// longer word and stays. An escape right before a match (%2F, \n, \u0041) counts as a boundary,
// since it stands for a character that is not the secret's.
const tokenCharacter = String.raw`[\p{L}\p{N}\p{M}_\-]`;
const startsToken = String.raw`(?<=^|[^\p{L}\p{N}\p{M}_\-]|%[0-9A-Fa-f]{2}|\\[nrtbf]|\\u[0-9A-Fa-f]{4})`;
const endsToken = `(?!${tokenCharacter})`;

const credentialNames = [
  'authorization',
  'proxy-authorization',
  'x-signature',
  'client_secret',
  'access_token',
  'refresh_token',
];
const credentialName = new Set(credentialNames);
const names = credentialNames.join('|');
// Credential-shaped places, whatever the value: a JSON member, a form field, a header line. Header
// lines need a credential-looking value (a scheme then 8+ token characters, or a 16+ character
// signature) so that prose such as "Authorization: required" stays readable.
const credentialPlaces: readonly RegExp[] = [
  new RegExp(String.raw`("(?:${names})"\s*:\s*")((?:[^"\\]|\\.)*)(?=")`, 'gi'),
  /((?:^|[?&\s])(?:client_secret|access_token|refresh_token)=)([^&\s]+)/gi,
  /(\b(?:proxy-)?authorization\s*:\s*(?:Bearer|Basic|Digest|Negotiate|Token|HMAC[\w-]*)\s+)([\w\-.~+/]{8,}=*)/gi,
  /(\bx-signature\s*:\s*)([\w+/-]{16,}=*)/gi,
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The ways a secret travels: as is, percent-encoded (either case), form-encoded, inside a JSON string. */
function formsOf(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  return [
    secret,
    encoded,
    encoded.replace(/%[0-9A-F]{2}/g, (percent) => percent.toLowerCase()),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
  ];
}

// Every request redacts its URL with the same few secrets: the last pattern built is kept.
let lastPattern: { key: string; pattern: RegExp | undefined } | undefined;

function secretPattern(secrets: readonly unknown[]): RegExp | undefined {
  const key = JSON.stringify(secrets);
  if (lastPattern?.key !== key) lastPattern = { key, pattern: buildSecretPattern(secrets) };
  return lastPattern.pattern;
}

function buildSecretPattern(secrets: readonly unknown[]): RegExp | undefined {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret === 'string' && secret !== '') for (const form of formsOf(secret)) forms.add(form);
  }
  if (forms.size === 0) return undefined;
  // Longest first, so a secret that contains another is cut whole.
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`${startsToken}(?:${alternatives.join('|')})${endsToken}`, 'gu');
}

function redactWith(text: string, pattern: RegExp | undefined): string {
  let clean = pattern ? text.replace(pattern, redactionMarker) : text;
  for (const place of credentialPlaces) clean = clean.replace(place, `$1${redactionMarker}`);
  return clean;
}

/** The text with every known secret (as a whole token) and every credential-shaped value cut out. */
export function redactText(text: string, secrets: readonly unknown[]): string {
  return redactWith(text, secretPattern(secrets));
}

const reservedKeys = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper nesting than this in an answer is dropped rather than walked. */
const maxDepth = 64;

/**
 * A parsed JSON value with every string redacted, the values of credential-named members replaced,
 * and objects rebuilt without a prototype (and without `__proto__`/`constructor`/`prototype` keys).
 */
export function redactJson(value: unknown, secrets: readonly unknown[]): unknown {
  const pattern = secretPattern(secrets);
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') return redactWith(node, pattern);
    if (node === null || typeof node !== 'object') return node;
    if (depth >= maxDepth) return undefined;
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    const copy: Record<string, unknown> = Object.create(null);
    for (const [key, inner] of Object.entries(node)) {
      if (reservedKeys.has(key)) continue;
      const safeKey = redactWith(key, pattern);
      copy[safeKey] =
        credentialName.has(key.toLowerCase()) && typeof inner === 'string'
          ? redactionMarker
          : walk(inner, depth + 1);
    }
    return copy;
  };
  return walk(value, 0);
}

const credentialWords = new Set([
  'secret',
  'token',
  'password',
  'passwd',
  'pwd',
  'signature',
  'sig',
  'auth',
  'authorization',
  'credential',
  'credentials',
  'apikey',
]);
const credentialKeys = new Set(['key', 'apikey', 'accesskey', 'privatekey']);

/** Whether a query parameter names a credential: by its words, so `access_token` does and `author` does not. */
export function isCredentialName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((word) => credentialWords.has(word)) || credentialKeys.has(words.join(''));
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * The URL as it may appear in an error or a log: values of credential-named query parameters
 * replaced, and known secrets cut wherever they stand (path or query). The rest is left as sent.
 */
export function redactUrl(url: string, secrets: readonly unknown[] = []): string {
  const queryStart = url.indexOf('?');
  let clean = url;
  if (queryStart !== -1) {
    const pairs = url.slice(queryStart + 1).split('&');
    const redacted = pairs.map((pair) => {
      const equals = pair.indexOf('=');
      if (equals === -1 || !isCredentialName(decoded(pair.slice(0, equals)))) return pair;
      return `${pair.slice(0, equals)}=${redactionMarker}`;
    });
    clean = `${url.slice(0, queryStart + 1)}${redacted.join('&')}`;
  }
  return redactText(clean, secrets);
}
