import * as vscode from 'vscode';
import zhBundle from '../../l10n/bundle.l10n.zh-cn.json';
import { type Lang, langOf } from '../shared/language';

const bundles: Record<Lang, Record<string, string> | undefined> = { zh: zhBundle, en: undefined };

/**
 * `vscode.l10n.t` in a chosen language: VS Code loads only the bundle of its display language, so when
 * `unsilo.language` differs from it the message is looked up here (English is the key itself).
 */
export function localize(lang: Lang, message: string, ...args: Array<string | number>): string {
  if (lang === langOf(vscode.env.language)) return vscode.l10n.t(message, ...args);
  const template = bundles[lang]?.[message] ?? message;
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const arg = args[Number(index)];
    return arg === undefined ? whole : String(arg);
  });
}
