import { describe, expect, it } from 'vitest';
import { loadMapping } from '../mapping/load';
import { syncMappingOf } from './mapping-adapter';

const text = `apiVersion: unsilo/v1
kind: FieldMapping
resource: "307002010101/000001"
source: { format: csv }
key: [gmsfhm]
fields:
  gmsfhm: { from: SFZH, check: [idcard] }
  xb: { from: XB, codes: { "1": "1", "2": "2" } }
`;

describe('syncMappingOf', () => {
  const loaded = loadMapping(text);
  const mapping = syncMappingOf(loaded.compiled!);

  it('keeps the key of a row rejected for another field, so snapshot mode knows the key is still there', () => {
    const mapped = mapping.map({ SFZH: '11010519491231002X', XB: '3' }, 1);
    expect(mapped.ok).toBe(false);
    expect(mapped.ok ? undefined : mapped.record?.gmsfhm).toBe('11010519491231002X');
  });

  it('gives no record when the key itself is in error', () => {
    const mapped = mapping.map({ SFZH: '110105194912310021', XB: '1' }, 2);
    expect(mapped).toMatchObject({ ok: false });
    expect(mapped.ok ? undefined : mapped.record).toBeUndefined();
  });
});
