#!/usr/bin/env node
// Checks that every relative link and image in every Markdown file of the checkout resolves: the target file or folder
// exists, and a `#anchor` into a Markdown file names one of its headings (GitHub's slug rules) or an explicit
// `<a id="…">`. Links to other sites (https:, mailto:, …) are not fetched. Exits 1 naming file:line of each
// broken link, 0 when all resolve.
//   node scripts/check-links.mjs     from the root of a git checkout: the files git tracks, and new ones it does
//                                    not ignore (`git ls-files --cached --others --exclude-standard '*.md'`)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';

const root = process.cwd();

function trackedMarkdownFiles() {
  const out = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '*.md'],
    { cwd: root, encoding: 'utf8' },
  );
  return out
    .split('\0')
    .filter((path) => path && !path.split('/').includes('node_modules'))
    .filter((path) => existsSync(join(root, path)));
}

/** Lines outside fenced code blocks, with inline code spans blanked (a link inside code is not a link). */
function proseLines(text) {
  let fence = null;
  return text.split(/\r?\n/).map((line) => {
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (opener && opener[1][0] === fence[0] && opener[1].length >= fence.length) fence = null;
      return '';
    }
    if (opener) {
      fence = opener[1];
      return '';
    }
    return line.replace(/(`+)[^`]*?\1/g, (span) => ' '.repeat(span.length));
  });
}

const LINK_PATTERNS = [
  /!?\[(?:[^\]\\]|\\.)*\]\(\s*<([^>]*)>[^)]*\)/g, // [text](<target with spaces>)
  /!?\[(?:[^\]\\]|\\.)*\]\(\s*([^\s)<]+)(?:\s+["'(][^)]*)?\)/g, // [text](target "title")
  /^ {0,3}\[(?!\^)[^\]]+\]:\s*<?([^\s>]+)/g, // [label]: target (not a [^footnote])
  /<(?:a|img)\b[^>]*?\s(?:href|src)\s*=\s*["']([^"']+)["']/gi, // <a href> and <img src>
];

function linksOf(text) {
  const links = [];
  proseLines(text).forEach((line, index) => {
    for (const pattern of LINK_PATTERNS) {
      for (const match of line.matchAll(pattern)) links.push({ target: match[1], line: index + 1 });
    }
  });
  return links;
}

/** GitHub's heading slug: lower case, punctuation dropped (letters of any script, digits, `_` and `-` kept), spaces to `-`. */
function slug(heading) {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

const anchorCache = new Map();

/** The anchors a Markdown file defines: heading slugs (repeats numbered -1, -2 as GitHub does) and `id`/`name` attributes. */
function anchorsOf(path) {
  if (anchorCache.has(path)) return anchorCache.get(path);
  const text = readFileSync(path, 'utf8');
  const anchors = new Set();
  const seen = new Map();
  for (const line of proseLines(text)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const base = slug(heading[1]);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const match of line.matchAll(/<a\b[^>]*?\s(?:id|name)\s*=\s*["']([^"']+)["']/gi))
      anchors.add(match[1]);
  }
  anchorCache.set(path, anchors);
  return anchors;
}

const isExternal = (target) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** Why a link from `file` does not resolve, or undefined when it does. */
function brokenReason(file, target) {
  const hashAt = target.indexOf('#');
  const rawPath = hashAt === -1 ? target : target.slice(0, hashAt);
  const anchor = hashAt === -1 ? '' : decodeURIComponent(target.slice(hashAt + 1));
  const pathPart = decodeURIComponent(rawPath.split('?')[0]);
  const resolved = pathPart
    ? normalize(pathPart.startsWith('/') ? join(root, pathPart) : resolve(root, dirname(file), pathPart))
    : join(root, file);
  if (relative(root, resolved).startsWith('..')) return 'points outside the repository';
  if (!existsSync(resolved)) return 'no such file';
  if (!anchor || !resolved.endsWith('.md') || statSync(resolved).isDirectory()) return undefined;
  return anchorsOf(resolved).has(anchor) ? undefined : `no heading or anchor #${anchor}`;
}

function main() {
  const broken = [];
  const files = trackedMarkdownFiles();
  let checked = 0;
  for (const file of files) {
    for (const { target, line } of linksOf(readFileSync(join(root, file), 'utf8'))) {
      if (isExternal(target)) continue;
      checked++;
      const reason = brokenReason(file, target);
      if (reason) broken.push(`${file}:${line}: ${target} — ${reason}`);
    }
  }
  for (const line of broken) console.error(line);
  console.log(
    `${files.length} Markdown files, ${checked} relative links: ${broken.length ? `${broken.length} broken` : 'all resolve'}`,
  );
  process.exitCode = broken.length ? 1 : 0;
}

main();
