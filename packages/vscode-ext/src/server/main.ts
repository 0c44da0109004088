import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// The extension starts this file as a separate Node process (IPC); `--stdio` works too for other editors.
const connection = createConnection(ProposedFeatures.all);
startServer(connection);
connection.listen();
