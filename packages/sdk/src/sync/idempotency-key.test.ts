import { describe, expect, it } from 'vitest';
import { deriveIdempotencyKey } from './idempotency-key';

describe('deriveIdempotencyKey', () => {
  const batch = { resource: '307001030801/000012', generation: '0', index: 3, body: '{"upsert":[{"id":1}]}' };

  it('is the same for the same batch, so a re-run replays', () => {
    expect(deriveIdempotencyKey(batch)).toBe(deriveIdempotencyKey({ ...batch }));
    expect(deriveIdempotencyKey(batch)).toMatch(/^sync-[A-Za-z0-9_-]{43}$/);
  });

  it('differs when the resource, generation, position or content differ', () => {
    const keys = new Set([
      deriveIdempotencyKey(batch),
      deriveIdempotencyKey({ ...batch, resource: '307001030801/000013' }),
      deriveIdempotencyKey({ ...batch, generation: 'run-2' }),
      deriveIdempotencyKey({ ...batch, index: 4 }),
      deriveIdempotencyKey({ ...batch, body: '{"upsert":[{"id":2}]}' }),
    ]);
    expect(keys.size).toBe(5);
  });
});
