#!/usr/bin/env node
// Bundles openapi/openapi.yaml (and the JSON Schema files it references) into dist/openapi.json.
//
// `redocly bundle` resolves every external $ref, but it names a whole referenced schema file after the file
// (`catalog-entry.schema`) and leaves `CatalogEntry` as an alias of it, keeps the file's `$schema`/`$defs`
// although it hoisted every `$defs` entry into components. Generators then emit two names for one shape, so
// this script folds such aliases into their target and drops the leftovers. The output is deterministic:
// same sources, same bytes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const specDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(specDir, 'dist', 'openapi.json');

function redocly(args) {
  const bin = join(specDir, '..', '..', 'node_modules', '.bin', 'redocly');
  try {
    return execFileSync(bin, args, {
      cwd: specDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
  } catch (error) {
    // Redocly prints its findings on stderr; pass them on without the Node stack of execFileSync.
    process.stderr.write(String(error.stderr ?? error.message));
    process.exit(1);
  }
}

const SCHEMA_PREFIX = '#/components/schemas/';

/** Rewrites every `$ref` equal to a key of `renames` in place. */
function rewriteRefs(node, renames) {
  if (Array.isArray(node)) {
    for (const item of node) rewriteRefs(item, renames);
  } else if (node && typeof node === 'object') {
    if (typeof node.$ref === 'string' && renames.has(node.$ref)) node.$ref = renames.get(node.$ref);
    for (const value of Object.values(node)) rewriteRefs(value, renames);
  }
}

/** Folds `Alias: { $ref: '#/components/schemas/file.schema' }` into `Alias` and drops file-level leftovers. */
export function foldSchemaAliases(doc) {
  const schemas = doc.components?.schemas ?? {};
  const renames = new Map();
  for (const [name, schema] of Object.entries(schemas)) {
    const keys = Object.keys(schema);
    if (keys.length !== 1 || typeof schema.$ref !== 'string' || !schema.$ref.startsWith(SCHEMA_PREFIX))
      continue;
    const target = schema.$ref.slice(SCHEMA_PREFIX.length);
    if (!target.endsWith('.schema') || !(target in schemas)) continue;
    renames.set(SCHEMA_PREFIX + target, SCHEMA_PREFIX + name);
    schemas[name] = schemas[target];
    delete schemas[target];
  }
  for (const schema of Object.values(schemas)) {
    // Every $defs entry was hoisted into components and every reference rewritten to it.
    delete schema.$schema;
    delete schema.$id;
    delete schema.$defs;
  }
  rewriteRefs(doc, renames);
  const leftovers = JSON.stringify(doc).match(/"#\/\$defs\/[^"]*"|\.schema"/g);
  if (leftovers)
    throw new Error(`bundle still references file-level schemas: ${[...new Set(leftovers)].join(', ')}`);
  return doc;
}

function main() {
  const work = mkdtempSync(join(tmpdir(), 'unsilo-spec-'));
  try {
    const raw = join(work, 'openapi.json');
    redocly(['bundle', 'openapi/openapi.yaml', '--ext', 'json', '-o', raw]);
    const doc = foldSchemaAliases(JSON.parse(readFileSync(raw, 'utf8')));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
    process.stdout.write(
      `bundled ${Object.keys(doc.paths).length} paths, ${Object.keys(doc.components.schemas).length} schemas → dist/openapi.json\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
