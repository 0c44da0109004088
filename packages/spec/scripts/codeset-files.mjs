// Writing the code-set files the build scripts derive, and keeping codesets/index.json in step with them.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A path inside packages/spec. */
export const specPath = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));

/** Writes `head` and its list under `listKey`, one code per line: diffs of yearly updates stay readable. */
export function writeJson(path, head, listKey, list) {
  const body = list.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
  const headJson = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  writeFileSync(specPath(path), `${headJson},\n  "${listKey}": [\n${body}\n  ]\n}\n`);
}

/** Keeps the entry of codesets/index.json in step with the file it describes (added at the end if missing). */
export function updateIndex(head, file, count) {
  const index = JSON.parse(readFileSync(specPath('codesets/index.json'), 'utf8'));
  let entry = index.codesets.find((c) => c.id === head.id);
  if (!entry) {
    entry = { id: head.id, name: head.name, title: head.title, titleEn: head.titleEn };
    index.codesets.push(entry);
  }
  Object.assign(entry, { version: head.version, source: head.source, status: head.status, file, count });
  writeFileSync(specPath('codesets/index.json'), `${JSON.stringify(index, null, 2)}\n`);
}
