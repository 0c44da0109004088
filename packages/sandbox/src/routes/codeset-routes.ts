import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OperationHandlers } from '../http/operation';
import { Problem } from '../problems/problem';
import type { Services } from '../services';
import { afterOf, limitOf, pageOf } from './page';

interface CodeSetFile {
  id: string;
  name: string;
  title: string;
  titleEn?: string;
  version: string;
  source: string;
  status: string;
  codes: Array<Record<string, unknown>>;
}

/** The standard code sets `@unsilo/spec` registers in `codesets/index.json` (read once). */
function loadCodeSets(): CodeSetFile[] {
  const specDir = dirname(createRequire(import.meta.url).resolve('@unsilo/spec/package.json'));
  const read = (file: string) => JSON.parse(readFileSync(join(specDir, 'codesets', file), 'utf8'));
  const index = read('index.json') as { codesets: Array<{ file: string }> };
  return index.codesets
    .map((entry) => read(entry.file) as CodeSetFile)
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function codesetRoutes(_services: Services): OperationHandlers {
  let cached: CodeSetFile[] | undefined;
  const codeSets = () => {
    cached ??= loadCodeSets();
    return cached;
  };
  const summary = ({ codes, ...rest }: CodeSetFile) => ({
    id: rest.id,
    name: rest.name,
    title: rest.title,
    ...(rest.titleEn ? { titleEn: rest.titleEn } : {}),
    version: rest.version,
    source: rest.source,
    status: rest.status,
    count: codes.length,
  });
  return {
    listCodeSets: ({ query }) => {
      const limit = limitOf(query);
      const after = afterOf('cs', query) ?? '';
      const rows = codeSets().filter((set) => set.id > after);
      return { status: 200, body: pageOf(rows.slice(0, limit + 1), limit, 'cs', (s) => s.id, summary) };
    },
    getCodeSet: ({ params }) => {
      const set = codeSets().find((candidate) => candidate.id === params.id);
      if (!set) throw new Problem('codeset.not_found', `No code set has the id ${params.id}`);
      return { status: 200, body: { ...summary(set), codes: set.codes } };
    },
  };
}
