import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

/** A start-up failure about the sealing key; the message says what to do and never holds a key. */
export class SealingKeyError extends Error {
  override readonly name = 'SealingKeyError';
}

/**
 * Where the sealing keys come from (options of `startSandbox`). The first given of `sealingKey`,
 * `sealingKeyFile`, env `UNSILO_SEALING_KEY` is used; without any, `<dataFile>.key` beside the database.
 */
export interface SealingKeyConfig {
  /** Base64 of 32 random bytes (e.g. `openssl rand -base64 32`), or the bytes. */
  sealingKey?: string | Uint8Array;
  /** A file holding the base64 key, mode 0600 (a file group or others may read is refused). */
  sealingKeyFile?: string;
  /**
   * The key being rotated away from (else env `UNSILO_SEALING_KEY_PREVIOUS`): at start, what only it opens is
   * re-sealed with the current key, in one transaction. Harmless to leave set; drop it once rotated.
   */
  previousSealingKey?: string | Uint8Array;
  previousSealingKeyFile?: string;
}

export interface SealingKeys {
  /** Seals everything from now on, and must open everything already sealed (after re-sealing). */
  current: Buffer;
  /** Says where `current` came from, for messages (never the key itself). */
  source: string;
  /** The key being rotated away from: what it still opens is re-sealed with `current` at start. */
  previous?: Buffer;
}

export const sealingKeyEnv = 'UNSILO_SEALING_KEY';
export const previousSealingKeyEnv = 'UNSILO_SEALING_KEY_PREVIOUS';

/** The keys the configuration names (options, then environment); none may be named. */
export interface ConfiguredSealingKeys {
  current?: { current: Buffer; source: string };
  previous?: Buffer;
}

/**
 * Reads and checks the configured keys: an explicit option wins, then `UNSILO_SEALING_KEY` (and
 * `UNSILO_SEALING_KEY_PREVIOUS`). Called before the data file is touched, so a bad key changes nothing.
 */
export function readConfiguredSealingKeys(
  config: SealingKeyConfig,
  env: NodeJS.ProcessEnv = process.env,
): ConfiguredSealingKeys {
  const current = loadConfiguredKey(config, env);
  const previous = loadPreviousKey(config, env);
  return { ...(current ? { current } : {}), ...(previous ? { previous } : {}) };
}

/**
 * The keys that seal secrets at rest (HMAC keys, the receipt-signing key): the configured one, else — only for
 * zero-setup local use — `<data file>.key` beside the database, created 0600. That default sits next to the
 * data it protects, so anything real configures the key. `dataHoldsSecrets` stops a missing default key file
 * from being silently replaced by a new key. An in-memory exchange gets a random key.
 */
export function chooseSealingKeys(
  configured: ConfiguredSealingKeys,
  dataFile: string | undefined,
  dataHoldsSecrets: boolean,
): SealingKeys {
  // Nothing outlives an in-memory exchange, so its key need not either.
  if (!dataFile) return { current: randomBytes(32), source: 'in memory' };
  const previous = configured.previous ? { previous: configured.previous } : {};
  if (configured.current) return { ...configured.current, ...previous };

  const keyFile = `${dataFile}.key`;
  if (existsSync(keyFile)) return { current: readKeyFile(keyFile), source: keyFile, ...previous };
  if (dataHoldsSecrets && !configured.previous) {
    throw new SealingKeyError(
      `${dataFile} 中的密钥已用另一把密封密钥密封，而 ${keyFile} 不存在 / ${dataFile} holds secrets sealed with a key that is not here: ${keyFile} is missing; configure the key that sealed them (${sealingKeyEnv} or --sealing-key-file), or give it as the previous key (${previousSealingKeyEnv} or --previous-sealing-key-file) to re-seal everything with a new ${keyFile}`,
    );
  }
  const key = randomBytes(32);
  writeFileSync(keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return { current: key, source: keyFile, ...previous };
}

function loadConfiguredKey(config: SealingKeyConfig, env: NodeJS.ProcessEnv) {
  if (config.sealingKey !== undefined)
    return { current: parseKey(config.sealingKey, 'option sealingKey'), source: 'option sealingKey' };
  if (config.sealingKeyFile !== undefined)
    return { current: readKeyFile(config.sealingKeyFile), source: config.sealingKeyFile };
  const fromEnv = env[sealingKeyEnv];
  if (fromEnv) return { current: parseKey(fromEnv, sealingKeyEnv), source: sealingKeyEnv };
  return undefined;
}

function loadPreviousKey(config: SealingKeyConfig, env: NodeJS.ProcessEnv): Buffer | undefined {
  if (config.previousSealingKey !== undefined)
    return parseKey(config.previousSealingKey, 'option previousSealingKey');
  if (config.previousSealingKeyFile !== undefined) return readKeyFile(config.previousSealingKeyFile);
  const fromEnv = env[previousSealingKeyEnv];
  return fromEnv ? parseKey(fromEnv, previousSealingKeyEnv) : undefined;
}

/**
 * A key file holds the base64 of 32 bytes. One that group or others may open is refused: whoever can read it
 * can open every sealed secret.
 */
function readKeyFile(file: string): Buffer {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    throw new SealingKeyError(`找不到密封密钥文件 ${file} / sealing key file ${file} not found`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8);
    throw new SealingKeyError(
      `密封密钥文件 ${file} 允许其他用户访问（权限 ${octal}），请执行 chmod 600 ${file} / sealing key file ${file} is open to group or others (mode ${octal}): run chmod 600 ${file}`,
    );
  }
  return parseKey(readFileSync(file, 'utf8').trim(), `sealing key file ${file}`);
}

/** Base64 of exactly 32 bytes (padding optional), or the 32 bytes themselves. */
function parseKey(value: string | Uint8Array, what: string): Buffer {
  if (typeof value !== 'string') {
    if (value.length === 32) return Buffer.from(value);
  } else {
    const key = Buffer.from(value, 'base64');
    if (key.length === 32 && key.toString('base64').replace(/=+$/, '') === value.replace(/=+$/, ''))
      return key;
  }
  throw new SealingKeyError(`${what} 应为 32 字节的 base64 / ${what} must hold base64 of 32 bytes`);
}
