import { describe, expect, it } from 'vitest';
import { escapeAttr, escapeHtml, html, join, raw } from './html.js';

const VECTORS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  '<svg/onload=alert(1)>',
  '&lt;script&gt;',
];

describe('html', () => {
  it('escapes every interpolated string, so no payload becomes markup', () => {
    for (const v of VECTORS) {
      const out = html`<p title="${v}">${v}</p>`.value;
      expect(out).not.toMatch(/<(script|img|svg)/);
      expect(out).not.toMatch(/="[^"]*"[^>]*on\w+=/);
      expect(out).toBe(`<p title="${escapeHtml(v)}">${escapeHtml(v)}</p>`);
    }
  });

  it('keeps nested fragments and arrays as markup and drops null, undefined and booleans', () => {
    const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    const list = html`<ul>
      ${items}
    </ul>`;
    expect(list.value.replace(/>\s+</g, '><').trim()).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
    expect(html`${null}${undefined}${false}${true}`.value).toBe('');
    expect(join([raw('<br>'), html`${'&'}`], ' ').value).toBe('<br> &amp;');
  });

  it('escapes attribute values onto one line', () => {
    expect(escapeAttr('a\nb`"c')).toBe('a&#10;b&#96;&quot;c');
  });
});
