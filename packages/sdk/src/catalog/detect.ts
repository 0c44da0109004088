/** Whether a YAML text declares itself a catalogue entry (`apiVersion: unsilo/v1` and `kind: InformationResource`). */
export function isCatalogEntryText(text: string): boolean {
  return (
    /^apiVersion:\s*["']?unsilo\/v1["']?\s*(?:#.*)?$/m.test(text) &&
    /^kind:\s*["']?InformationResource["']?\s*(?:#.*)?$/m.test(text)
  );
}
