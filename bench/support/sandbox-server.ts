// A sandbox exchange for the benchmarks, on a SQLite data file or a PostgreSQL database (its sealing key from
// UNSILO_SEALING_KEY): prints {"url"} on its first line, runs until SIGTERM. Bundled by `sandboxServer()` below, so that it runs as users run the built package (no TypeScript
// loader, no keep-names helpers around every function).
import { startSandbox } from '@unsilo/sandbox';

// Arguments: the data file or database URL, `self-approve` or not, optionally more startSandbox options as JSON.
const [location, selfApprove, options] = process.argv.slice(2);
const sandbox = await startSandbox({
  ...(/^postgres(ql)?:\/\//.test(location!) ? { databaseUrl: location! } : { dataFile: location! }),
  ...(selfApprove === 'self-approve' ? { selfApprove: true } : {}),
  ...(options ? (JSON.parse(options) as object) : {}),
});
process.stdout.write(`${JSON.stringify({ url: sandbox.url })}\n`);
process.on('SIGTERM', () => {
  void sandbox.close().then(() => process.exit(0));
});
