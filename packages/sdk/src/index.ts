/**
 * @unsilo/sdk — the typed client of the city's exchange platform (共享交换平台).
 * Catalogue lint, field mapping and sync live in the `./catalog`, `./mapping` and `./sync` subpaths.
 */
export * from './client';
export * from './client/receipts/index';
export * from './findings/index';
