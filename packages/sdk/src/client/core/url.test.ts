import { describe, expect, it } from 'vitest';
import { fillPath, toQueryString } from './url';

describe('fillPath', () => {
  it('percent-encodes a resource code with "/" into one path segment', () => {
    expect(fillPath('/v1/catalog/resources/{code}', { code: '307001030801/000012' })).toBe(
      '/v1/catalog/resources/307001030801%2F000012',
    );
  });

  it('encodes reserved and non-ASCII characters', () => {
    expect(fillPath('/v1/x/{id}', { id: 'a b?c#d/人口' })).toBe('/v1/x/a%20b%3Fc%23d%2F%E4%BA%BA%E5%8F%A3');
  });

  it('refuses a missing parameter instead of calling a wrong URL', () => {
    expect(() => fillPath('/v1/departments/{departmentId}', {})).toThrow(/departmentId/);
  });
});

describe('toQueryString', () => {
  it('leaves out undefined values and repeats arrays', () => {
    expect(toQueryString({ status: 'published', q: undefined, limit: 10, tag: ['a', 'b'] })).toBe(
      '?status=published&limit=10&tag=a&tag=b',
    );
  });

  it('writes objects in the deepObject style used by record filters', () => {
    expect(toQueryString({ filter: { xm: '张三', nl: 30 } })).toBe(
      '?filter%5Bxm%5D=%E5%BC%A0%E4%B8%89&filter%5Bnl%5D=30',
    );
  });

  it('is empty for no parameters', () => {
    expect(toQueryString(undefined)).toBe('');
    expect(toQueryString({ a: undefined })).toBe('');
  });
});
