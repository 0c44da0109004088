import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectCatalogFiles } from './lint';

const ENTRY = 'apiVersion: unsilo/v1\nkind: InformationResource\n';
const scratch = mkdtempSync(join(tmpdir(), 'unsilo-collect-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tree(root: string): void {
  mkdirSync(join(root, 'b/deep'), { recursive: true });
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  mkdirSync(join(root, 'elsewhere'), { recursive: true });
  writeFileSync(join(root, 'a.yaml'), ENTRY);
  writeFileSync(join(root, 'B.yml'), `\uFEFF${ENTRY}`);
  writeFileSync(join(root, 'b/deep/c.YAML'), ENTRY);
  writeFileSync(join(root, 'b/mapping.yaml'), 'apiVersion: unsilo/v1\nkind: FieldMapping\n');
  writeFileSync(join(root, 'node_modules/x.yaml'), ENTRY);
  writeFileSync(join(root, 'unsilo.config.yaml'), ENTRY);
  writeFileSync(join(root, 'elsewhere/linked.yaml'), ENTRY);
  symlinkSync(join(root, 'elsewhere'), join(root, 'link-dir'));
  symlinkSync(join(root, 'a.yaml'), join(root, 'link-file.yaml'));
}

describe('collectCatalogFiles', () => {
  const root = join(scratch, 'ws');
  tree(root);

  it('walks directories in name order, follows links, skips other kinds and tool folders', () => {
    const files = collectCatalogFiles(['.'], root);
    expect(files.map((file) => file.path)).toEqual([
      'B.yml',
      'a.yaml',
      'b/deep/c.YAML',
      'elsewhere/linked.yaml',
      'link-dir/linked.yaml',
      'link-file.yaml',
    ]);
    expect(files.every((file) => file.text === ENTRY)).toBe(true);
  });

  it('names files relative to the working directory, wherever the directory is', () => {
    expect(collectCatalogFiles(['ws/b'], scratch).map((file) => file.path)).toEqual(['ws/b/deep/c.YAML']);
    expect(collectCatalogFiles([root], join(scratch, 'ws/b')).map((file) => file.path)).toContain('../B.yml');
    expect(collectCatalogFiles(['a.yaml', '.', 'a.yaml'], root).map((file) => file.path)[0]).toBe('a.yaml');
  });
});
