import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles a benchmark entry with the workspace packages from their sources (npm dependencies stay external) into
 * `<packageDir>/.bench/<name>.mjs`: inside that package, so its own dependencies and shipped files (migrations,
 * seeds) resolve as they do for users. Returns the bundle's path.
 */
export async function bundleFromSources(entry: string, packageDir: string, name: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = `${root}${packageDir}/.bench/${name}.mjs`;
  await build({
    entryPoints: [`${root}${entry}`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    logLevel: 'error',
    plugins: [
      {
        name: 'npm-external',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@unsilo/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  return outfile;
}

/** The benchmark sandbox server (bench/support/sandbox-server.ts), bundled from the current sources. */
export function sandboxServer(): Promise<string> {
  return bundleFromSources('bench/support/sandbox-server.ts', 'packages/sandbox', 'sandbox-server');
}
