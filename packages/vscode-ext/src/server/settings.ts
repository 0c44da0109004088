import type { Connection } from 'vscode-languageserver/node';

export type Lang = 'zh' | 'en';

/** What the client tells the server when it starts (`initializationOptions`). */
export interface InitializationOptions {
  /** VS Code's display language (`vscode.env.language`), e.g. `zh-cn` or `en`. */
  locale?: string;
}

export interface ServerSettings {
  enable: boolean;
  /** Pause after the last keystroke before linting; the lint itself is not delayed further. */
  debounceMs: number;
}

export const defaultSettings: ServerSettings = { enable: true, debounceMs: 150 };

/** Diagnostics follow VS Code's display language: Chinese for any `zh*` locale, English otherwise. */
export function langOf(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function normalizeSettings(raw: unknown): ServerSettings {
  const value = (raw ?? {}) as { lint?: { enable?: unknown; debounceMs?: unknown } };
  const debounce = Number(value.lint?.debounceMs);
  return {
    enable: value.lint?.enable !== false,
    debounceMs:
      Number.isFinite(debounce) && debounce >= 0 ? Math.min(debounce, 5000) : defaultSettings.debounceMs,
  };
}

/** Reads the `unsilo.*` settings from the client, if it supports `workspace/configuration`. */
export async function fetchSettings(connection: Connection, supported: boolean): Promise<ServerSettings> {
  if (!supported) return defaultSettings;
  try {
    return normalizeSettings(await connection.workspace.getConfiguration('unsilo'));
  } catch {
    return defaultSettings;
  }
}
