import type { Diagnostic, Lang, LocalizedText } from './types';

/** A diagnostic's message in one language (`zh` or `en`). */
export function formatMessage(
  diagnostic: Pick<Diagnostic, 'message'> | { message: LocalizedText },
  lang: Lang,
): string {
  return diagnostic.message[lang] ?? diagnostic.message.en;
}
