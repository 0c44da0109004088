import { DEFAULT_TIME_ZONE } from '@unsilo/sdk/identifiers';
import { timeZoneOf } from '@unsilo/sdk/workspace';
import * as vscode from 'vscode';

/**
 * The `timeZone` of `unsilo.config.yaml` in the workspace folder of `uri`: "today" is the date there for the
 * mapping preview and Sync, as for `unsilo map` and `unsilo sync`. Asia/Shanghai without a config, or when the
 * config names an unknown zone (the language server reports that on the config file).
 */
export async function workspaceTimeZone(uri: vscode.Uri): Promise<string> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return DEFAULT_TIME_ZONE;
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'unsilo.config.yaml'));
  } catch {
    return DEFAULT_TIME_ZONE;
  }
  return timeZoneOf(new TextDecoder().decode(bytes)).timeZone;
}
