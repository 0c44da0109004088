import { describe, expect, it } from 'vitest';
import { check, VALID_ENTRY, vary } from '../testing';

describe('share/method-format-mismatch', () => {
  it('passes a database shared through an API', () => {
    expect(check('share/method-format-mismatch', VALID_ENTRY)).toEqual([]);
  });

  it('warns about a spreadsheet shared as an API and a database shared as files', () => {
    const sheet = vary('{ class: database, type: oracle }', '{ class: spreadsheet, type: xlsx }');
    expect(check('share/method-format-mismatch', sheet)[0]?.message.en).toContain(
      'a resource in spreadsheet (Spreadsheet) format is not usually shared as api (API)',
    );
    const asFiles = vary('{ class: platform, type: api }', '{ class: platform, type: file }');
    expect(check('share/method-format-mismatch', asFiles)).toHaveLength(1);
  });

  it('leaves offline sharing alone', () => {
    const sheet = vary('{ class: database, type: oracle }', '{ class: spreadsheet, type: xlsx }');
    expect(
      check(
        'share/method-format-mismatch',
        vary('{ class: platform, type: api }', '{ class: offline, type: api }', sheet),
      ),
    ).toEqual([]);
  });
});
