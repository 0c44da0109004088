/**
 * Which language the extension speaks, one rule for the client (mapping preview, exchange output) and the server
 * (diagnostics, hovers, completion, quick-fix titles): the `unsilo.language` setting, where `auto` follows VS
 * Code's display language — so a Chinese catalogue maintainer on an English VS Code can still read Chinese.
 */
export type Lang = 'zh' | 'en';
/** The `unsilo.language` setting. */
export type LanguageSetting = 'auto' | Lang;

/** VS Code's display language as ours: Chinese for any `zh*` locale, English otherwise. */
export function langOf(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** `zh` or `en` as chosen; anything else (`auto`, missing, a typo) follows the display language. */
export function languageSettingOf(raw: unknown): LanguageSetting {
  return raw === 'zh' || raw === 'en' ? raw : 'auto';
}

/** The language spoken: the setting, or the display language for `auto`. */
export function effectiveLang(language: LanguageSetting, locale: string | undefined): Lang {
  return language === 'auto' ? langOf(locale) : language;
}
