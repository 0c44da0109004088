// Module hooks that write the URL of every module the process resolves to the file named by UNSILO_MODULE_LOG:
// what a command line loads, for the test that each command loads only what it uses.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (process.env.UNSILO_MODULE_LOG) appendFileSync(process.env.UNSILO_MODULE_LOG, `${resolved.url}\n`);
  return resolved;
}
