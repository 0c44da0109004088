import { describe, expect, it } from 'vitest';
import { diffFields } from './field-diff';
import { planPublish } from './plan';

const entry = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `资源 ${code}`,
  provider: { name: '某市民政局', code: '11330100MB0000020A' },
  items: [{ name: '姓名', key: 'xm', type: 'C', length: 50 }],
  ...extra,
});

describe('diffFields', () => {
  it('names each changed, added and removed field by path, ignoring key order', () => {
    const before = { a: 1, items: [{ key: 'xm', length: 50 }], share: { type: 'none', basis: 'x' } };
    const after = {
      share: { basis: 'x', type: 'conditional' },
      items: [{ length: 60, key: 'xm' }, { key: 'xb' }],
      b: 2,
    };
    expect(diffFields(before, after)).toEqual([
      { path: 'a', before: 1 },
      { path: 'b', after: 2 },
      { path: 'items[0].length', before: 50, after: 60 },
      { path: 'items[1]', after: { key: 'xb' } },
      { path: 'share.type', before: 'none', after: 'conditional' },
    ]);
    expect(diffFields({ x: [1, { y: 2 }] }, { x: [1, { y: 2 }] })).toEqual([]);
  });
});

describe('planPublish', () => {
  const local = [
    { file: 'a.yaml', code: '1/1', name: 'a', entry: entry('1/1') },
    { file: 'b.yaml', code: '1/2', name: 'b', entry: entry('1/2', { summary: 'new' }) },
    { file: 'c.yaml', code: '1/3', name: 'c', entry: entry('1/3') },
    { file: 'd.yaml', code: '1/4', name: 'd', entry: entry('1/4') },
  ];
  const remote = [
    {
      code: '1/2',
      name: 'b',
      status: 'published' as const,
      etag: 'e2',
      entry: entry('1/2', { summary: 'old' }),
    },
    { code: '1/3', name: 'c', status: 'published' as const, etag: 'e3', entry: entry('1/3') },
    { code: '1/4', name: 'd', status: 'submitted' as const, etag: 'e4', entry: entry('1/4') },
    { code: '1/5', name: 'e', status: 'published' as const, etag: 'e5' },
    { code: '1/6', name: 'f', status: 'withdrawn' as const, etag: 'e6' },
  ];

  it('creates, changes and keeps, with the life-cycle steps still due; a resource without a file is only listed', () => {
    const plan = planPublish(local, remote);
    expect(plan.items.map((i) => [i.code, i.action, i.transitions])).toEqual([
      ['1/1', 'create', ['submit', 'register', 'publish']],
      ['1/2', 'change', ['register', 'publish']],
      ['1/3', 'unchanged', []],
      ['1/4', 'unchanged', ['register', 'publish']],
      ['1/5', 'orphan', []],
    ]);
    expect(plan.items[1]).toMatchObject({
      changes: [{ path: 'summary', before: 'old', after: 'new' }],
      etag: 'e2',
    });
    expect(plan.counts).toEqual({ create: 1, change: 1, unchanged: 2, withdraw: 0, orphan: 1, blocked: 0 });
    expect(plan.empty).toBe(false);
  });

  it('withdraws a resource without a file only when asked to prune', () => {
    const plan = planPublish(local, remote, { prune: true });
    expect(plan.items.filter((i) => i.action === 'withdraw' || i.action === 'orphan')).toEqual([
      { action: 'withdraw', code: '1/5', name: 'e', status: 'published', etag: 'e5', transitions: [] },
    ]);
    expect(plan.counts).toMatchObject({ withdraw: 1, orphan: 0 });
  });

  it('has nothing to do when the only difference is a resource without a file and no prune', () => {
    const plan = planPublish(
      [{ file: 'a.yaml', code: '1/1', name: 'a', entry: entry('1/1') }],
      [
        { code: '1/1', name: 'a', status: 'published', etag: 'e', entry: entry('1/1') },
        { code: '1/2', name: 'b', status: 'published', etag: 'e2' },
      ],
    );
    expect(plan.empty).toBe(true);
    expect(plan.counts.orphan).toBe(1);
  });

  it('is empty when everything is published as the files say', () => {
    const plan = planPublish(
      [{ file: 'a.yaml', code: '1/1', name: 'a', entry: entry('1/1') }],
      [{ code: '1/1', name: 'a', status: 'published', etag: 'e', entry: entry('1/1') }],
    );
    expect(plan.empty).toBe(true);
  });

  it('refuses to refile a withdrawn code', () => {
    const plan = planPublish(
      [{ file: 'a.yaml', code: '1/1', name: 'a', entry: entry('1/1') }],
      [{ code: '1/1', name: 'a', status: 'withdrawn', etag: 'e' }],
    );
    expect(plan.items[0]).toMatchObject({ action: 'blocked', reason: expect.stringMatching(/withdrawn/) });
  });
});
