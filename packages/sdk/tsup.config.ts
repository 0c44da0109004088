import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'catalog/index': 'src/catalog/index.ts',
    'catalog/workbook/index': 'src/catalog/workbook/index.ts',
    'mapping/index': 'src/mapping/index.ts',
    'mapping/jobs/index': 'src/mapping/jobs/index.ts',
    'sources/index': 'src/sources/index.ts',
    'sync/index': 'src/sync/index.ts',
    'publish/index': 'src/publish/index.ts',
    'json/index': 'src/json/index.ts',
    'identifiers/index': 'src/identifiers/index.ts',
    'html/index': 'src/html/index.ts',
    'workspace/index': 'src/workspace/index.ts',
    'evaluation/index': 'src/evaluation/index.ts',
    'conformance/index': 'src/conformance/index.ts',
    'compliance/index': 'src/compliance/index.ts',
    'consume/index': 'src/consume/index.ts',
    'review/index': 'src/review/index.ts',
    schemas: 'src/generated/index.ts',
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
