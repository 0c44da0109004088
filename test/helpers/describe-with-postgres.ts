import { describe } from 'vitest';
import { postgresBinDir } from './postgres';

/**
 * `describe` for tests that need PostgreSQL: skipped where it is not installed (a laptop without it still passes
 * `npm test`, saying what it skipped), never in CI (`CI` set), where a missing PostgreSQL must fail.
 */
export const describeWithPostgres = describe.skipIf(postgresBinDir() === undefined && !process.env.CI);
