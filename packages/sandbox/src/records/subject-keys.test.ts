import { describe, expect, it } from 'vitest';
import { keyNamesSubject, subjectLikePattern } from './subject-keys';

describe('finding a data subject among canonical record keys', () => {
  it('escapes LIKE wildcards and the escape character, and looks for the JSON text of the subject', () => {
    expect(subjectLikePattern('11010519491231002X')).toBe('%11010519491231002X%');
    expect(subjectLikePattern('50%_\\')).toBe('%50\\%\\_\\\\\\\\%');
    expect(subjectLikePattern('张"三')).toBe('%张\\\\"三%');
  });

  it('matches a key field equal to the subject, never a part of a value, a member name or a non-object key', () => {
    expect(keyNamesSubject('{"gmsfhm":"11010519491231002X"}', '11010519491231002X')).toBe(true);
    expect(keyNamesSubject('{"gmsfhm":"11010519491231002X5"}', '11010519491231002X')).toBe(false);
    expect(keyNamesSubject('{"11010519491231002X":"a"}', '11010519491231002X')).toBe(false);
    expect(keyNamesSubject('{"bh":7,"xzqh":"330102"}', '7')).toBe(true);
    expect(keyNamesSubject('["11010519491231002X"]', '11010519491231002X')).toBe(false);
    expect(keyNamesSubject('not json', 'not json')).toBe(false);
    expect(keyNamesSubject('{"__proto__":"x"}', 'x')).toBe(true);
  });
});
