import type * as vscode from 'vscode';

/** The exchange client secret lives in VS Code's SecretStorage (the OS keychain), never in settings or logs. */
export const SECRET_KEY = 'unsilo.exchange.clientSecret';

export async function getClientSecret(secrets: vscode.SecretStorage): Promise<string | undefined> {
  return (await secrets.get(SECRET_KEY)) || undefined;
}

export async function storeClientSecret(secrets: vscode.SecretStorage, secret: string): Promise<void> {
  await secrets.store(SECRET_KEY, secret);
}

export async function clearClientSecret(secrets: vscode.SecretStorage): Promise<void> {
  await secrets.delete(SECRET_KEY);
}

/** Replaces every occurrence of a secret in a text bound for a log or a message. */
export function redact(text: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join('***') : text;
}
