/** The settings file of a workspace folder (`lint:` and exchange settings); never a catalogue file. */
export const CONFIG_FILE = 'unsilo.config.yaml';

/** What an Unsilo YAML file says it is. */
export type UnsiloFileKind = 'InformationResource' | 'FieldMapping';

const API_VERSION = /^apiVersion:[ \t]*["']?unsilo\/v1["']?[ \t]*(?:#.*)?$/m;
const MAPPING_KIND = /^kind:[ \t]*["']?(InformationResource|FieldMapping)["']?[ \t]*(?:#.*)?$/m;

/** Whether a YAML text declares itself a catalogue entry (`apiVersion: unsilo/v1` and `kind: InformationResource`). */
export function isCatalogEntryText(text: string): boolean {
  return (
    /^apiVersion:\s*["']?unsilo\/v1["']?\s*(?:#.*)?$/m.test(text) &&
    /^kind:\s*["']?InformationResource["']?\s*(?:#.*)?$/m.test(text)
  );
}

/** Catalogue and mapping files are recognised by content (`apiVersion: unsilo/v1` + `kind`), whatever their name. */
export function unsiloKindOf(text: string): UnsiloFileKind | undefined {
  // The linter's own test first, so every host agrees with `unsilo lint` on what a catalogue file is.
  if (isCatalogEntryText(text)) return 'InformationResource';
  if (!API_VERSION.test(text)) return undefined;
  return MAPPING_KIND.exec(text)?.[1] === 'FieldMapping' ? 'FieldMapping' : undefined;
}
