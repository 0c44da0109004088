import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file shipped with the package (migrations, seeds). Found from the package root, because this code runs
 * both from `src/` (tests) and bundled into `dist/index.js`, at different depths.
 */
export function packageFile(...segments: string[]): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('the @unsilo/sandbox package root was not found');
    dir = parent;
  }
  return join(dir, ...segments);
}
