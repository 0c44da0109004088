export { type SealingKeyConfig, SealingKeyError } from './auth/sealing-key';
export { migrate, readMigrations } from './db/migrate';
export { demoSeedFile, readSeedFile, type Seed, SeedError, seedSchema } from './seed/seed-file';
export { DatabaseUrlError, databaseUrlWithoutPassword } from './start-postgres';
export { type RunningSandbox, type SandboxOptions, startSandbox } from './start-sandbox';
