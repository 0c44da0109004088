// Global setup of the `postgres` test project: one throwaway cluster for the whole run, its URL provided to the
// tests (`inject('postgresUrl')`), each of which makes a fresh database of it (`freshDatabaseUrl`).
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startPostgres();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
