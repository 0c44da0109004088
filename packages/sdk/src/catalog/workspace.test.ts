import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from './parse';
import { VALID_ENTRY, vary } from './rules/testing';
import { normalizeName, WorkspaceModel, workspaceFileOf } from './workspace';

describe('workspaceFileOf', () => {
  it('keeps what the workspace rules read: code, name, provider, related codes, authoritative items', () => {
    const text = `${vary('code: "307001030801/000012"', 'code: " 307001030801/000012 "')}related: "3/1，3/2; 3/3"\n`;
    const facts = workspaceFileOf(parseCatalogFile('a.yaml', text));
    expect(facts).toEqual({
      path: 'a.yaml',
      code: '307001030801/000012',
      name: '户籍人口基本信息',
      provider: '11330100MB0000019K',
      providerName: '某市公安局',
      nameKey: '11330100MB0000019K\u0000户籍人口基本信息',
      related: [
        { at: ['related'], code: '3/1' },
        { at: ['related'], code: '3/2' },
        { at: ['related'], code: '3/3' },
      ],
      // The item named 公民身份号码 claims its data element, whatever its key.
      authoritative: [{ itemIndex: 0, key: 'gmsfhm', element: 'person.id-number' }],
    });
  });

  it('reads related lists item by item and numbers as written', () => {
    const facts = workspaceFileOf(
      parseCatalogFile('a.yaml', 'code: ""\nprovider: { name: " 某局 " }\nrelated: [ 0012, "", x ]\n'),
    );
    expect(facts.code).toBeUndefined();
    expect(facts.provider).toBe('name:某局');
    expect(facts.related).toEqual([
      { at: ['related', 0], code: '0012' },
      { at: ['related', 2], code: 'x' },
    ]);
  });
});

describe('WorkspaceModel', () => {
  it('indexes files by code, by provider and name, and authoritative keys by provider', () => {
    const model = new WorkspaceModel();
    const a = model.add(parseCatalogFile('a.yaml', VALID_ENTRY));
    const spaced = vary('name: 户籍人口基本信息', 'name: 户籍人口　基本信息');
    const b = model.add(parseCatalogFile('b.yaml', spaced));
    const noProvider = vary('provider:\n  name: 某市公安局\n  code: "11330100MB0000019K"', '');
    model.add(parseCatalogFile('c.yaml', noProvider));
    expect(model.byCode.get('307001030801/000012')?.map((file) => file.path)).toEqual([
      'a.yaml',
      'b.yaml',
      'c.yaml',
    ]);
    expect(model.declares(' 307001030801/000012 ')).toBe(true);
    expect(model.sameName(a)).toEqual([a, b]);
    expect(model.sameName(b)).toEqual([a, b]);
    // A claim without a provider has no one to conflict with.
    expect(model.authoritativeByKey.get('person.id-number')?.map((claim) => claim.file)).toEqual([a, b]);
    expect(model.authoritativeProviders.get('person.id-number')).toEqual(new Set(['11330100MB0000019K']));
  });

  it('compares names without spaces of any width', () => {
    expect(normalizeName(' 户籍 人口\u3000信息 ')).toBe('户籍人口信息');
  });
});
