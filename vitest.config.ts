import { defineConfig } from 'vitest/config';
import { postgresBinDir } from './test/helpers/postgres';

// Tests import workspace packages from their sources (the `source` export condition),
// so a change in @unsilo/sdk is seen by the sandbox and CLI tests without a rebuild.
const resolveSources = {
  resolve: { conditions: ['source'] },
  // Vite 6 resolves SSR (test) imports with its own conditions: without this, workspace packages are not found.
  ssr: { resolve: { conditions: ['source'] } },
};

const exclude = [
  '**/node_modules/**',
  '**/dist/**',
  'packages/vscode-ext/test/**',
  'packages/vscode-ext/out/**',
];

/**
 * The exchange's own suite runs twice: on SQLite (with everything else) and on PostgreSQL, the same files, with a
 * throwaway cluster. Where PostgreSQL is not installed the second run is left out, with a note — never in CI.
 */
const withPostgres = postgresBinDir() !== undefined || Boolean(process.env.CI);
if (!withPostgres)
  console.warn(
    'PostgreSQL not installed: the exchange suite runs on SQLite only (apt-get install postgresql)',
  );

export default defineConfig({
  ...resolveSources,
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        ...resolveSources,
        test: {
          name: 'sqlite',
          include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(withPostgres
        ? [
            {
              ...resolveSources,
              test: {
                name: 'postgres',
                include: ['test/sandbox/**/*.test.ts', 'test/conformance/sandbox.test.ts'],
                // What is about SQLite itself (its data file, its CLI flags) runs in the sqlite project only.
                exclude: [
                  ...exclude,
                  'test/sandbox/crash-safety.test.ts',
                  'test/sandbox/cli.test.ts',
                  'test/sandbox/cli-database.test.ts',
                ],
                globalSetup: ['test/helpers/postgres-global-setup.ts'],
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
    ],
  },
});
