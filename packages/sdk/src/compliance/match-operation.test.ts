import { describe, expect, it } from 'vitest';
import { matchOperation } from './match-operation';
import { CODE } from './test-fixtures';

describe('matchOperation', () => {
  it('maps a path with an encoded resource code to its operation and decodes the parameter', () => {
    expect(matchOperation('POST', `/v1/catalog/resources/${CODE}/records/batch`)).toEqual({
      operationId: 'batchRecords',
      params: { code: '307001030801/000012' },
    });
    expect(matchOperation('get', `/v1/catalog/resources/${CODE}`)?.operationId).toBe('getResource');
    expect(matchOperation('PUT', `/v1/catalog/resources/${CODE}`)?.operationId).toBe('updateResource');
  });

  it('prefers fixed paths and knows the well-known one', () => {
    expect(matchOperation('GET', '/v1/.well-known/receipt-keys')?.operationId).toBe('getReceiptKeys');
    expect(matchOperation('GET', '/v1/quality/conflicts')?.operationId).toBe('getQualityConflicts');
  });

  it('names nothing for an unknown path, a wrong method, an unencoded slash or bad percent-encoding', () => {
    expect(matchOperation('GET', '/v1/nothing')).toBeUndefined();
    expect(matchOperation('DELETE', `/v1/catalog/resources/${CODE}`)).toBeUndefined();
    expect(matchOperation('GET', '/v1/catalog/resources/307001030801/000012/records/x')).toBeUndefined();
    expect(matchOperation('GET', '/v1/catalog/resources/%E0%A4%A')).toBeUndefined();
  });
});
