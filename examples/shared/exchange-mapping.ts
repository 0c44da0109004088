import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ExchangeClient } from '@unsilo/sdk';
import { compileMapping, parseMapping } from '@unsilo/sdk/mapping';
import { mappingDigest, type SyncMapping, syncMappingOf } from '@unsilo/sdk/sync';

/**
 * Reads a mapping file and compiles it against the catalogue entry the exchange holds for its resource, so the
 * entry's item checks come along; the result is what `sync({ mapping })` takes.
 */
export async function mappingForSync(file: URL, client: ExchangeClient): Promise<SyncMapping> {
  const text = await readFile(file, 'utf8');
  const { mapping } = parseMapping(text);
  if (!mapping) throw new Error(`${fileURLToPath(file)} does not parse; run \`unsilo map preview\` on it`);
  const entry = (await client.catalog.get(mapping.resource)).data.entry;
  const { compiled, diagnostics } = compileMapping(mapping, entry as Parameters<typeof compileMapping>[1]);
  if (!compiled) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return syncMappingOf(compiled, text, mappingDigest);
}
