/**
 * Response validation is on by default outside production. `process` may not exist (browsers,
 * workers), in which case validation stays on.
 */
export function defaultValidateResponses(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.NODE_ENV !== 'production';
}
