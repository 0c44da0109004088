#!/usr/bin/env node
// Generates src/generated/** from the bundled contract (@unsilo/spec dist/openapi.json):
//   openapi.ts     TypeScript types (openapi-typescript): paths, components, operations
//   zod.ts         zod 4 schemas (@hey-api/openapi-ts, zod plugin): one per component schema, plus the
//                  request parts and success response of every operation
//   operations.ts  operationId → { method, path, security, roles (x-roles), request parts, zod schema per
//                  response status }
//   index.ts       re-exports, and a type alias per component schema
// Everything here is derived from the spec; nothing is typed by hand. Run `npm run generate` at the root.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const sdkDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = resolve(sdkDir, '..', '..');
const specFile = resolve(sdkDir, '..', 'spec', 'dist', 'openapi.json');
const outDir = join(sdkDir, 'src', 'generated');
const bin = (name) => join(rootDir, 'node_modules', '.bin', name);

const BANNER = [
  '// GENERATED FILE — do not edit. Source: packages/spec (dist/openapi.json).',
  '// Regenerate with `npm run generate` at the repository root; CI fails when this file is stale.',
].join('\n');

const spec = JSON.parse(readFileSync(specFile, 'utf8'));
mkdirSync(outDir, { recursive: true });

function write(name, body) {
  writeFileSync(join(outDir, name), `${BANNER}\n${body.endsWith('\n') ? body : `${body}\n`}`);
}

function run(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: sdkDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    process.stderr.write(String(error.stderr || error.stdout || error.message));
    process.exit(1);
  }
}

// 1. Types.
{
  const work = mkdtempSync(join(tmpdir(), 'unsilo-types-'));
  try {
    const file = join(work, 'openapi.ts');
    run(bin('openapi-typescript'), [specFile, '--output', file, '--alphabetize=false']);
    write('openapi.ts', readFileSync(file, 'utf8'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// 2. zod schemas.
const zodExports = new Set();
{
  const work = mkdtempSync(join(tmpdir(), 'unsilo-zod-'));
  try {
    const config = join(work, 'config.mjs');
    const { pathToFileURL } = await import('node:url');
    const heyApi = pathToFileURL(
      join(rootDir, 'node_modules', '@hey-api', 'openapi-ts', 'dist', 'index.mjs'),
    ).href;
    writeFileSync(
      config,
      `import { createClient } from ${JSON.stringify(heyApi)};
await createClient({
  input: ${JSON.stringify(specFile)},
  output: { path: ${JSON.stringify(join(work, 'out'))}, clean: true },
  parser: { transforms: { readWrite: false } },
  plugins: [{
    name: 'zod', definitions: true, requests: true, responses: true, metadata: false, dates: { offset: true },
    // zod objects strip unknown members by default. Keep the spec's intent instead: open objects
    // (additionalProperties: true, e.g. problem extension members) keep them, closed ones refuse them.
    $resolvers: {
      object(ctx) {
        const extra = ctx.schema.additionalProperties?.type;
        if (!Object.keys(ctx.schema.properties ?? {}).length || (extra !== 'unknown' && extra !== 'never')) return undefined;
        return ctx.$(ctx.symbols.z).attr(extra === 'unknown' ? 'looseObject' : 'strictObject').call(ctx.nodes.shape(ctx));
      },
    },
  }],
  logs: { level: 'silent' },
});
`,
    );
    run(process.execPath, [config]);
    const source = readFileSync(join(work, 'out', 'zod.gen.ts'), 'utf8').replace(
      /^\/\/ This file is auto-generated.*\n\n?/,
      '',
    );
    for (const m of source.matchAll(/^export const (z\w+)/gm)) zodExports.add(m[1]);
    write('zod.ts', source);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// 3. Operation map.
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const pascal = (s) => s[0].toUpperCase() + s.slice(1);
const schemaZod = (schema) => {
  const ref = schema?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/')) {
    throw new Error(`every response body must reference a component schema, found ${JSON.stringify(schema)}`);
  }
  const name = `z${ref.slice('#/components/schemas/'.length)}`;
  if (!zodExports.has(name)) throw new Error(`${name} is not among the generated zod schemas`);
  return name;
};
const deref = (obj) => {
  if (!obj?.$ref) return obj;
  const parts = obj.$ref.slice(2).split('/');
  return parts.reduce((node, key) => node[key], spec);
};

// Who may call an operation: `x-roles` lists the department roles (any one suffices) of every authenticated
// operation; `x-self-approve-roles` the roles that may also call it when the exchange lets providers approve
// their own entries (the sandbox's selfApprove). An anonymous operation has neither.
const departmentRoles = new Set(spec.components.schemas.DepartmentRole.enum);
const roleList = (op, name) => {
  const list = op[name];
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || list.length === 0 || list.some((role) => !departmentRoles.has(role))) {
    throw new Error(`${op.operationId}: ${name} must be a non-empty list of DepartmentRole values`);
  }
  return list;
};
const rolesOf = (op, auth) => {
  const roles = roleList(op, 'x-roles');
  const selfApproveRoles = roleList(op, 'x-self-approve-roles');
  if (auth && !roles) throw new Error(`${op.operationId} needs authentication but declares no x-roles`);
  if (!auth && (roles || selfApproveRoles))
    throw new Error(`${op.operationId} is anonymous but declares roles`);
  return { ...(roles ? { roles } : {}), ...(selfApproveRoles ? { selfApproveRoles } : {}) };
};

const ops = [];
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    const id = op.operationId;
    const requestParts = {};
    for (const part of ['Body', 'Path', 'Query', 'Headers']) {
      const name = `z${pascal(id)}${part}`;
      if (zodExports.has(name)) requestParts[part.toLowerCase()] = name;
    }
    const responses = {};
    for (const [status, ref] of Object.entries(op.responses)) {
      const response = deref(ref);
      const content = response.content ?? {};
      const media = content['application/json'] ?? content['application/problem+json'];
      responses[status] = media ? schemaZod(media.schema) : null;
    }
    const security = op.security ?? spec.security ?? [];
    const auth = security.length > 0;
    ops.push({ id, method, path, auth, ...rolesOf(op, auth), requestParts, responses });
  }
}
ops.sort((a, b) => a.id.localeCompare(b.id));

const usedZod = new Set();
const lines = [];
lines.push("import type { z } from 'zod';");
lines.push("import type { components } from './openapi';");
for (const op of ops) {
  for (const v of Object.values(op.requestParts)) usedZod.add(v);
  for (const v of Object.values(op.responses)) if (v) usedZod.add(v);
}
lines.push(`import { ${[...usedZod].sort().join(', ')} } from './zod';`);
lines.push('');
lines.push("type DepartmentRole = components['schemas']['DepartmentRole'];");
lines.push('');
lines.push('/** An operation of the exchange API, as the spec defines it. */');
lines.push('export interface OperationRoute {');
lines.push("  readonly method: 'get' | 'put' | 'post' | 'delete' | 'patch';");
lines.push('  /** OpenAPI path template, e.g. `/v1/catalog/resources/{code}`. */');
lines.push('  readonly path: string;');
lines.push('  /** Whether the operation needs a bearer token or an HMAC signature. */');
lines.push('  readonly auth: boolean;');
lines.push(
  '  /** Department roles that may call it (any one suffices); absent when it needs no authentication. */',
);
lines.push('  readonly roles?: readonly DepartmentRole[];');
lines.push(
  "  /** Roles that may also call it where providers approve their own entries (the sandbox's selfApprove). */",
);
lines.push('  readonly selfApproveRoles?: readonly DepartmentRole[];');
lines.push('  readonly request: {');
lines.push('    readonly body?: z.ZodType;');
lines.push('    readonly path?: z.ZodType;');
lines.push('    readonly query?: z.ZodType;');
lines.push('    readonly headers?: z.ZodType;');
lines.push('  };');
lines.push('  /** Response body schema per status; `null` for a status without a body (304). */');
lines.push('  readonly responses: Readonly<Record<string, z.ZodType | null>>;');
lines.push('}');
lines.push('');
lines.push(
  '/** operationId → route and schemas. Used by the client to validate answers and by the sandbox to route. */',
);
lines.push('export const operationMap = {');
for (const op of ops) {
  lines.push(`  ${op.id}: {`);
  lines.push(`    method: '${op.method}',`);
  lines.push(`    path: '${op.path}',`);
  lines.push(`    auth: ${op.auth},`);
  if (op.roles) lines.push(`    roles: [${op.roles.map((r) => `'${r}'`).join(', ')}],`);
  if (op.selfApproveRoles)
    lines.push(`    selfApproveRoles: [${op.selfApproveRoles.map((r) => `'${r}'`).join(', ')}],`);
  const parts = Object.entries(op.requestParts).map(([k, v]) => `${k}: ${v}`);
  lines.push(`    request: { ${parts.join(', ')} },`);
  lines.push('    responses: {');
  for (const [status, z] of Object.entries(op.responses)) lines.push(`      ${status}: ${z ?? 'null'},`);
  lines.push('    },');
  lines.push('  },');
}
lines.push('} as const satisfies Record<string, OperationRoute>;');
lines.push('');
lines.push('export type OperationId = keyof typeof operationMap;');
lines.push('');
lines.push('/** Every operationId, in alphabetical order. */');
lines.push('export const operationIds = Object.keys(operationMap) as OperationId[];');
write('operations.ts', lines.join('\n'));

// 4. Index.
const schemaNames = Object.keys(spec.components.schemas);
const index = [];
index.push("export type { components, operations, paths, webhooks, $defs } from './openapi';");
index.push("export type { OperationId, OperationRoute } from './operations';");
index.push("export { operationIds, operationMap } from './operations';");
index.push("export * from './zod';");
index.push("import type { components } from './openapi';");
index.push('');
index.push('/** The shape of a component schema of the spec, by name. */');
index.push("export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];");
index.push('');
for (const name of schemaNames) index.push(`export type ${name} = components['schemas']['${name}'];`);
write('index.ts', index.join('\n'));

process.stdout.write(
  `generated ${ops.length} operations, ${schemaNames.length} schema types, ${zodExports.size} zod schemas → src/generated/\n`,
);
