import { defineConfig } from 'vitest/config';

// Tests import workspace packages from their sources (the `source` export condition),
// so a change in @unsilo/sdk is seen by the sandbox and CLI tests without a rebuild.
export default defineConfig({
  resolve: { conditions: ['source'] },
  // Vite 6 resolves SSR (test) imports with its own conditions: without this, workspace packages are not found.
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [
      '**/node_modules/**',
      '**/dist/**',
      'packages/vscode-ext/test/**',
      'packages/vscode-ext/out/**',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
