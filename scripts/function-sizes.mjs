#!/usr/bin/env node
// Lists hand-written files over 400 lines and functions over 80 lines in packages/*/src (generated code, tests
// and test support excluded) and exits 1 when one of them is not on the allow-list in
// scripts/function-sizes.allow.json, where each entry says why that file or function stays as it is.
// A function's length is the span from its first to its last line, functions nested in it included: a factory
// whose closures hold 200 lines is one 200-line function to read.
//   node scripts/function-sizes.mjs          check (exit 1 on an unlisted excess)
//   node scripts/function-sizes.mjs --all    also print the allowed excesses
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const allowListPath = join(root, 'scripts', 'function-sizes.allow.json');

/** Test code and generated code are not measured: tables and fixtures are long by nature. */
const SKIPPED_FOLDERS = new Set(['generated', 'test-support', 'node_modules', 'dist']);
const isMeasuredFile = (name) =>
  /\.(ts|tsx|mts|js|mjs)$/.test(name) &&
  !name.endsWith('.d.ts') &&
  !/\.test\.|(^|-)test-(fixtures|harness)\./.test(name);

function listSourceFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(path);
      } else if (isMeasuredFile(entry.name)) files.push(path);
    }
  };
  for (const pkg of readdirSync(join(root, 'packages'), { withFileTypes: true })) {
    const src = join(root, 'packages', pkg.name, 'src');
    if (pkg.isDirectory() && existsSync(src)) walk(src);
  }
  return files.sort();
}

/**
 * A name for a function that survives edits elsewhere in the file: its declared name, its variable, property or
 * method name, or for a callback `<anonymous in enclosing>`.
 */
function functionName(node, enclosing) {
  const text = (name) =>
    name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;
  const parent = node.parent;
  let own = ts.isConstructorDeclaration(node) ? 'constructor' : text(node.name);
  if (
    !own &&
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
  ) {
    own = text(parent.name);
  }
  if (!own) return `<anonymous in ${enclosing ?? 'module'}>`;
  const owner = ts.isClassLike(parent) ? text(parent.name) : undefined;
  return owner ? `${owner}.${own}` : own;
}

function lineOf(source, pos) {
  return source.getLineAndCharacterOfPosition(pos).line;
}

/** Every function-like node of one file with its length in lines. */
function measureFunctions(path) {
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node, enclosing) => {
    let name = enclosing;
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = lineOf(source, node.getStart(source));
      name = functionName(node, enclosing);
      found.push({ name, line: first + 1, lines: lineOf(source, node.end) - first + 1 });
    }
    ts.forEachChild(node, (child) => visit(child, name));
  };
  visit(source, undefined);
  // Lines as `wc -l` counts them: a final line break ends the last line, it does not start another.
  const lines = source.getLineStarts().length - (text.endsWith('\n') ? 1 : 0);
  return { lines, functions: found };
}

function readAllowList() {
  const entries = JSON.parse(readFileSync(allowListPath, 'utf8'));
  const allowed = new Map();
  for (const entry of entries) {
    if (!entry.reason)
      throw new Error(`${allowListPath}: ${entry.file} ${entry.function ?? ''} has no reason`);
    allowed.set(`${entry.file}#${entry.function ?? ''}`, entry);
  }
  return allowed;
}

function findExcesses() {
  const excesses = [];
  for (const path of listSourceFiles()) {
    const file = relative(root, path);
    const { lines, functions } = measureFunctions(path);
    if (lines > MAX_FILE_LINES) excesses.push({ key: `${file}#`, text: `${file}: ${lines} lines` });
    for (const fn of functions) {
      if (fn.lines > MAX_FUNCTION_LINES) {
        excesses.push({
          key: `${file}#${fn.name}`,
          text: `${file}:${fn.line}: ${fn.name}() ${fn.lines} lines`,
        });
      }
    }
  }
  return excesses;
}

const allowed = readAllowList();
const showAll = process.argv.includes('--all');
const excesses = findExcesses();
const unlisted = excesses.filter((excess) => !allowed.has(excess.key));
const seen = new Set(excesses.map((excess) => excess.key));
const stale = [...allowed.keys()].filter((key) => !seen.has(key));

if (showAll) {
  for (const excess of excesses.filter((e) => allowed.has(e.key))) {
    process.stdout.write(`allowed  ${excess.text} — ${allowed.get(excess.key).reason}\n`);
  }
}
for (const key of stale) {
  process.stdout.write(
    `note     ${key.replace(/#$/, '')} is within the limits now: remove it from the allow-list\n`,
  );
}
for (const excess of unlisted) process.stdout.write(`too long ${excess.text}\n`);
if (unlisted.length > 0) {
  process.stdout.write(
    `${unlisted.length} over the limits (file ${MAX_FILE_LINES} lines, function ${MAX_FUNCTION_LINES}): split them, ` +
      `or list them with a reason in ${relative(root, allowListPath)}\n`,
  );
  process.exit(1);
}
process.stdout.write(`Sizes within limits (${excesses.length} allowed excesses).\n`);
