import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseBoundedDocument } from '../catalog/bounded-yaml';
import { MAX_NESTING_DEPTH } from '../catalog/depth';
import type { ConformanceCredentials } from './types';

const client = z.strictObject({ clientId: z.string().min(1), clientSecret: z.string().min(1) });
const credentialsSchema = z.strictObject({
  providerA: client,
  providerB: client,
  vendor: client,
  authority: client,
});

/** A seed's departments, as far as a conformance run needs them (the sandbox seed format). */
const seedSchema = z.object({
  departments: z.array(z.object({ roles: z.array(z.string()), clients: z.array(client).min(1) })),
});

export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
}

/** A seed file of many departments stays far below this. */
const MAX_CREDENTIALS_CHARS = 1024 * 1024;

/** A credentials or seed file is a few lines: read it within the limits of every other reader. */
function readYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CredentialsError(`${file}: ${(error as Error).message}`);
  }
  if (text.length > MAX_CREDENTIALS_CHARS) throw new CredentialsError(`${file}: larger than 1 MiB, not read`);
  const read = parseBoundedDocument(text, { prettyErrors: false });
  if ('tooDeepAt' in read)
    throw new CredentialsError(`${file}: nested deeper than ${MAX_NESTING_DEPTH} levels, not read`);
  const [error] = read.document.errors;
  if (error) throw new CredentialsError(`${file}: ${error.message}`);
  return read.document.toJS({ maxAliasCount: 100 });
}

/** Reads `role → { clientId, clientSecret }` for providerA, providerB, vendor and authority. */
export function readCredentialsFile(file: string): ConformanceCredentials {
  const parsed = credentialsSchema.safeParse(readYaml(file));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CredentialsError(`${file}: ${first?.path.join('.') || '(root)'}: ${first?.message}`);
  }
  return parsed.data;
}

/** Picks two providers (the second also a consumer), a vendor and the authority from a sandbox seed file. */
export function credentialsFromSeed(file: string): ConformanceCredentials {
  const parsed = seedSchema.safeParse(readYaml(file));
  if (!parsed.success) throw new CredentialsError(`${file}: not a seed file`);
  const departments = parsed.data.departments;
  const having = (role: string) =>
    departments.filter((d) => d.roles.includes(role) && !d.roles.includes('authority'));
  const providers = having('provider');
  const consumer = providers.slice(1).find((d) => d.roles.includes('consumer'));
  const vendor = having('vendor')[0];
  const authority = departments.find((d) => d.roles.includes('authority'));
  if (!providers[0] || !consumer || !vendor || !authority) {
    throw new CredentialsError(
      `${file}: needs two providers (one also consumer), a vendor and the authority`,
    );
  }
  const first = (d: { clients: { clientId: string; clientSecret: string }[] }) => ({ ...d.clients[0]! });
  return {
    providerA: first(providers[0]),
    providerB: first(consumer),
    vendor: first(vendor),
    authority: first(authority),
  };
}
