import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import {
  createConnection,
  type Diagnostic,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { type ServerHandle, startServer } from './server';

/**
 * The language server on one end of in-memory streams and a bare JSON-RPC client on the other: tests speak
 * real LSP messages to it, exactly as VS Code does over IPC, without spawning a process.
 */
export interface LspSession {
  client: MessageConnection;
  server: ServerHandle;
  initialize: InitializeResult;
  /** Latest diagnostics per URI. */
  diagnostics: Map<string, Diagnostic[]>;
  /** Resolves with the next publish for `uri` that satisfies `accept`. */
  nextDiagnostics(
    uri: string,
    accept?: (d: Diagnostic[]) => boolean,
    timeoutMs?: number,
  ): Promise<Diagnostic[]>;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, text: string, version: number): void;
  /** Waits until the server has linted after everything sent so far. */
  settled(): Promise<void>;
  dispose(): void;
}

export const fileUri = (fsPath: string) => pathToFileURL(fsPath).href;

export async function startSession(
  options: {
    root?: string;
    locale?: string;
    debounceMs?: number;
    configuration?: Record<string, unknown>;
  } = {},
): Promise<LspSession> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(
    new StreamMessageReader(toServer),
    new StreamMessageWriter(toClient),
  );
  const server = startServer(serverConnection);
  serverConnection.listen();
  const client = createMessageConnection(
    new StreamMessageReader(toClient),
    new StreamMessageWriter(toServer),
  );
  const diagnostics = new Map<string, Diagnostic[]>();
  const waiters: Array<{
    uri: string;
    accept: (d: Diagnostic[]) => boolean;
    resolve: (d: Diagnostic[]) => void;
  }> = [];
  const lintWaiters: Array<() => void> = [];
  client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    diagnostics.set(params.uri, params.diagnostics);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (w.uri === params.uri && w.accept(params.diagnostics)) {
        waiters.splice(i, 1);
        w.resolve(params.diagnostics);
      }
    }
  });
  client.onNotification('unsilo/didLint', () => {
    for (const resolve of lintWaiters.splice(0)) resolve();
  });
  client.onRequest('workspace/configuration', () => [
    options.configuration ?? { lint: { enable: true, debounceMs: options.debounceMs ?? 0 } },
  ]);
  client.onRequest('client/registerCapability', () => null);
  client.listen();

  const initialize = (await client.sendRequest('initialize', {
    processId: process.pid,
    rootUri: options.root ? fileUri(options.root) : null,
    workspaceFolders: options.root ? [{ uri: fileUri(options.root), name: 'workspace' }] : null,
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
    },
    initializationOptions: { locale: options.locale ?? 'en', debounceMs: options.debounceMs ?? 0 },
  })) as InitializeResult;
  const firstLint = new Promise<void>((resolve) => lintWaiters.push(resolve));
  await client.sendNotification('initialized', {});
  await firstLint;

  return {
    client,
    server,
    initialize,
    diagnostics,
    nextDiagnostics(uri, accept = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          uri,
          accept,
          resolve: (d) => {
            clearTimeout(timer);
            resolve(d);
          },
        });
      });
    },
    open(uri, text, version = 1) {
      void client.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'yaml', version, text },
      });
    },
    change(uri, text, version) {
      void client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    },
    async settled() {
      // Let the server read what was sent, lint, then round-trip a request: the stream is ordered, so every
      // diagnostic published before the answer has been received when it arrives.
      await new Promise((r) => setTimeout(r, 30));
      await server.diagnostics.run();
      await client.sendRequest('unsilo/catalogEntry', { code: '' });
    },
    dispose() {
      server.diagnostics.dispose();
      client.dispose();
      serverConnection.dispose();
      toServer.destroy();
      toClient.destroy();
    },
  };
}
