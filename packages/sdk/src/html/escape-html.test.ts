import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html';

describe('escapeHtml', () => {
  it('escapes the characters that end text or a quoted attribute value', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('leaves other text as it is, Chinese included', () => {
    expect(escapeHtml('龙山县 · 人口基础信息 (GB/T 2260) 100%')).toBe(
      '龙山县 · 人口基础信息 (GB/T 2260) 100%',
    );
  });

  it('shows numbers as text and null or undefined as nothing', () => {
    expect(escapeHtml(42)).toBe('42');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
  });
});
