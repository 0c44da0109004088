// A sandbox exchange on a SQLite data file for the benchmarks: prints {"url"} on its first line, runs until
// SIGTERM. Bundled by `sandboxServer()` below, so that it runs as users run the built package (no TypeScript
// loader, no keep-names helpers around every function).
import { startSandbox } from '@unsilo/sandbox';

// Arguments: the data file, `self-approve` or not, and optionally more startSandbox options as JSON.
const [dataFile, selfApprove, options] = process.argv.slice(2);
const sandbox = await startSandbox({
  dataFile: dataFile!,
  ...(selfApprove === 'self-approve' ? { selfApprove: true } : {}),
  ...(options ? (JSON.parse(options) as object) : {}),
});
process.stdout.write(`${JSON.stringify({ url: sandbox.url })}\n`);
process.on('SIGTERM', () => {
  void sandbox.close().then(() => process.exit(0));
});
