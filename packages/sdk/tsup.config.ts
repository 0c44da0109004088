import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'catalog/index': 'src/catalog/index.ts',
    'mapping/index': 'src/mapping/index.ts',
    'sync/index': 'src/sync/index.ts',
    schemas: 'src/generated/index.ts',
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
