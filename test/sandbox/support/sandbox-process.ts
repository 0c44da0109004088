// Runs the sandbox as its own process on a data file, for tests that kill it (crash safety).
import { startSandbox } from '@unsilo/sandbox';

const dataFile = process.argv[2];
if (!dataFile) throw new Error('usage: sandbox-process.ts DATA_FILE');
const sandbox = await startSandbox({ dataFile });
process.stdout.write(`${JSON.stringify({ url: sandbox.url, pid: process.pid })}\n`);
