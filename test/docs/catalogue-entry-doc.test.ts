import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules } from '@unsilo/sdk/catalog';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(
  resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/catalogue-entry.md'),
  'utf8',
);

/** The rows of the table under "## 规则一览 All rules": rule id and severity. */
function documentedRules(): Array<{ id: string; severity: string }> {
  const section = doc.split('## 规则一览 All rules')[1] ?? '';
  return [...section.matchAll(/^\| \[`([^`]+)`\]\([^)]*\) *\| (\w+) *\|/gm)].map((m) => ({
    id: m[1]!,
    severity: m[2]!,
  }));
}

describe('docs/catalogue-entry.md', () => {
  it('lists every lint rule once, with its default severity, in the order of the rule registry', () => {
    expect(documentedRules()).toEqual(rules.map(({ id, severity }) => ({ id, severity })));
  });

  it('names every rule in the section of at least one field', () => {
    const fieldSections = doc.split('## 规则一览 All rules')[0]!;
    const missing = rules.map((r) => r.id).filter((id) => !fieldSections.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });
});
