import { describe, expect, it } from 'vitest';
import { OrderedCommits } from './ordered-commits';

describe('OrderedCommits', () => {
  it('releases finished batches only as a contiguous prefix', () => {
    const commits = new OrderedCommits<string>(5);
    expect(commits.complete(7, 'c')).toEqual([]);
    expect(commits.complete(6, 'b')).toEqual([]);
    expect(commits.position).toBe(5);
    expect(commits.complete(5, 'a')).toEqual(['a', 'b', 'c']);
    expect(commits.position).toBe(8);
    expect(commits.pending).toBe(0);
  });

  it('refuses a batch completed twice', () => {
    const commits = new OrderedCommits<number>(0);
    commits.complete(0, 0);
    expect(() => commits.complete(0, 0)).toThrow(/twice/);
  });
});
