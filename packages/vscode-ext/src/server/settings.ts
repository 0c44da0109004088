import type { Connection } from 'vscode-languageserver/node';

import { type LanguageSetting, languageSettingOf } from '../shared/language';

export {
  effectiveLang,
  type Lang,
  type LanguageSetting,
  langOf,
  languageSettingOf,
} from '../shared/language';

/** What the client tells the server when it starts (`initializationOptions`). */
export interface InitializationOptions {
  /** VS Code's display language (`vscode.env.language`), e.g. `zh-cn` or `en`. */
  locale?: string;
  /** `unsilo.language` at start, so that the first diagnostics are already in the chosen language. */
  language?: string;
}

export interface ServerSettings {
  enable: boolean;
  /** Pause after the last keystroke before linting; the lint itself is not delayed further. */
  debounceMs: number;
  /** Language of diagnostics, hovers, completion and quick-fix titles. */
  language: LanguageSetting;
}

export const defaultSettings: ServerSettings = { enable: true, debounceMs: 150, language: 'auto' };

export function normalizeSettings(raw: unknown): ServerSettings {
  const value = (raw ?? {}) as { lint?: { enable?: unknown; debounceMs?: unknown }; language?: unknown };
  const debounce = Number(value.lint?.debounceMs);
  return {
    enable: value.lint?.enable !== false,
    debounceMs:
      Number.isFinite(debounce) && debounce >= 0 ? Math.min(debounce, 5000) : defaultSettings.debounceMs,
    language: languageSettingOf(value.language),
  };
}

/** Reads the `unsilo.*` settings from the client, if it supports `workspace/configuration`. */
export async function fetchSettings(
  connection: Connection,
  supported: boolean,
  fallback: ServerSettings = defaultSettings,
): Promise<ServerSettings> {
  if (!supported) return fallback;
  try {
    return normalizeSettings(await connection.workspace.getConfiguration('unsilo'));
  } catch {
    return fallback;
  }
}
