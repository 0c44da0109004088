import * as vscode from 'vscode';
import { effectiveLang, type Lang, languageSettingOf } from '../shared/language';

/** The `unsilo.language` setting as the user wrote it (`auto`, `zh`, `en`). */
export const languageSetting = () =>
  languageSettingOf(vscode.workspace.getConfiguration('unsilo').get<string>('language'));

/** The language of the preview and of the exchange commands' output: `unsilo.language`, or VS Code's. */
export const displayLang = (): Lang => effectiveLang(languageSetting(), vscode.env.language);

/** Calls `listener` when `unsilo.language` changes (no reload needed). */
export function onDidChangeDisplayLang(listener: (lang: Lang) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('unsilo.language')) listener(displayLang());
  });
}
