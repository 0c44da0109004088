import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;

/** What the readers may import from the rest of the SDK: the floors below them. */
const BELOW = [
  '../findings/finding',
  '../generated',
  // The JSON nesting check, shared with the exchange's body limit.
  '../catalog/depth',
];

describe('@unsilo/sdk/sources', () => {
  it('imports nothing from the floors above it (mapping, sync, publish, the client)', () => {
    const outside = new Set<string>();
    for (const name of readdirSync(here)) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
      const text = readFileSync(join(here, name), 'utf8');
      for (const [, from] of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
        if (from!.startsWith('../')) outside.add(from!);
      }
    }
    expect([...outside].sort()).toEqual([...BELOW].sort());
  });
});
