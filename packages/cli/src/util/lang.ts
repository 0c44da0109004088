export type Lang = 'zh' | 'en';

/** The text of a message in the reader's language. */
export function say(lang: Lang, en: string, zh: string): string {
  return lang === 'zh' ? zh : en;
}

/** The message language: an explicit flag wins, then the locale of the environment. */
export function resolveLang(flag?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'zh' || flag === 'en') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
  return /^zh/i.test(locale ?? '') ? 'zh' : 'en';
}
