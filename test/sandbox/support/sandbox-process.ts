// Runs the sandbox as its own process on a data file or a PostgreSQL database (its sealing key from
// UNSILO_SEALING_KEY), for tests that kill it (crash safety, several instances).
import { startSandbox } from '@unsilo/sandbox';

const [location, selfApprove] = process.argv.slice(2);
if (!location) throw new Error('usage: sandbox-process.ts DATA_FILE|postgres://… [self-approve]');
const sandbox = await startSandbox({
  ...(/^postgres(ql)?:\/\//.test(location) ? { databaseUrl: location } : { dataFile: location }),
  ...(selfApprove === 'self-approve' ? { selfApprove: true } : {}),
});
process.stdout.write(`${JSON.stringify({ url: sandbox.url, pid: process.pid })}\n`);
