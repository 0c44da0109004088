import type { CatalogFile } from './parse';

export interface AuthoritativeItem {
  file: CatalogFile;
  itemIndex: number;
  /** Provider identity: its code, else its name. */
  provider: string;
}

/**
 * The facts whole-workspace rules need, computed once per lint run over every parsed file:
 * who declares which code, which names each provider uses, who claims to be the source of which item key.
 */
export class WorkspaceModel {
  readonly byCode = new Map<string, CatalogFile[]>();
  readonly byProviderAndName = new Map<string, CatalogFile[]>();
  readonly authoritativeByKey = new Map<string, AuthoritativeItem[]>();
  /** Item key → the distinct providers claiming to be its authoritative source. */
  readonly authoritativeProviders = new Map<string, Set<string>>();

  constructor(readonly files: readonly CatalogFile[]) {
    for (const file of files) {
      if (!file.entry) continue;
      const code = file.string(['code'])?.trim();
      if (code) push(this.byCode, code, file);
      const provider = providerIdentity(file);
      const name = file.string(['name']);
      if (provider && name) push(this.byProviderAndName, `${provider}\u0000${normalizeName(name)}`, file);
      const items = file.get(['items']);
      if (provider && Array.isArray(items)) {
        items.forEach((item, itemIndex) => {
          if (
            item &&
            typeof item === 'object' &&
            (item as Record<string, unknown>).source === 'authoritative'
          ) {
            const key = (item as Record<string, unknown>).key;
            if (typeof key !== 'string' || !key) return;
            push(this.authoritativeByKey, key, { file, itemIndex, provider });
            const providers = this.authoritativeProviders.get(key);
            if (providers) providers.add(provider);
            else this.authoritativeProviders.set(key, new Set([provider]));
          }
        });
      }
    }
  }

  declares(code: string): boolean {
    return this.byCode.has(code.trim());
  }
}

/** A provider is identified by its code when it has one, else by its name. */
export function providerIdentity(file: CatalogFile): string | undefined {
  const code = file.string(['provider', 'code'])?.trim().toUpperCase();
  if (code) return code;
  const name = file.string(['provider', 'name'])?.trim();
  return name ? `name:${name}` : undefined;
}

/** Names compare without spaces of any width, so "户籍 人口" and "户籍人口" collide. */
export function normalizeName(name: string): string {
  return name.replace(/[\s\u3000]+/g, '');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
