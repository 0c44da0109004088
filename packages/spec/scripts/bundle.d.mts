/** Folds `Alias: { $ref: '#/components/schemas/file.schema' }` into `Alias` and drops file-level leftovers. */
export function foldSchemaAliases<T>(doc: T): T;
