import { describe, expect, it } from 'vitest';
import { at, check, fixed, VALID_ENTRY, vary } from '../testing';

const RULE = 'share/service-as-file';
const service = vary('format: { class: database, type: oracle }', 'format: { class: service, type: rest }');

describe('share/service-as-file', () => {
  it('passes a service shared as api, and a database shared as a file (another rule)', () => {
    expect(check(RULE, service)).toEqual([]);
    expect(check(RULE, vary('type: api }', 'type: file }'))).toEqual([]);
    expect(check(RULE, VALID_ENTRY)).toEqual([]);
  });

  it('reports a service shared as a platform file, suggesting api', () => {
    const text = vary('type: api }', 'type: file }', service);
    const [diagnostic] = check(RULE, text);
    expect(diagnostic?.message.en).toBe(
      'the resource is a service (format class service) but is shared only as a file: users get an export, not the interface; share it through the platform as api',
    );
    expect(at(diagnostic)).toBe('21:36');
    expect(diagnostic?.fixes[0]?.suggestion).toBe(true);
    expect(fixed(RULE, text)).toContain('method: { class: platform, type: api }');
  });

  it('reports a service sent by mail or media', () => {
    const text = vary('  method: { class: platform, type: api }', '  method: { class: offline }', service);
    expect(check(RULE, text).map((d) => [at(d), d.fixes.length])).toEqual([['21:20', 0]]);
  });
});
