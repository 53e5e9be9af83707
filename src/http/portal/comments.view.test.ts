import { describe, expect, it } from 'vitest';
import { XSS_VECTORS } from '../../../test/support/xss.js';
import { renderComments, renderVote } from './comments.view.js';
import { escapeHtml } from './html.js';

/** Every tag with its attribute names, in order: the markup's shape without any text. */
function shape(markup: string): string[] {
  return [...markup.matchAll(/<\/?([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)].map(
    (m) =>
      `${m[1]}${[...(m[2] ?? '').matchAll(/\s([^\s=>]+)(?:="[^"]*")?/g)].map((a) => ` ${a[1]}`).join('')}`,
  );
}

const at = '2026-11-20T09:30:00.000Z';
const comments = (names: readonly string[], bodies: readonly string[]) =>
  names.map((name, i) => ({ id: `c${i}`, name, body: bodies[i]!, createdAt: at }));

describe('comment views', () => {
  it('renders every XSS vector as text: same markup as harmless text, the payload escaped', () => {
    const harmless = XSS_VECTORS.map((_, i) => `plain ${i}`);
    const options = (names: readonly string[], bodies: readonly string[]) => ({
      slug: 'drill',
      comments: comments(names, bodies),
      values: { name: names[0]!, email: names[1]!, body: bodies[2]! },
      errors: [{ field: 'name' as const, message: 'required' as const }],
    });
    const attacked = renderComments('ru', options(XSS_VECTORS, XSS_VECTORS));
    const plain = renderComments('ru', options(harmless, harmless));
    expect(shape(attacked)).toEqual(shape(plain));
    for (const vector of XSS_VECTORS) expect(attacked).toContain(escapeHtml(vector));
    expect(attacked).not.toMatch(/<script>|<svg|<img|<iframe|(href|src)="javascript/i);
  });

  it('shows the live counter, the limit on the field and the policy link, in the reader’s language', () => {
    const ru = renderComments('ru', { slug: 'drill', comments: [], values: { body: 'ә'.repeat(1234) } });
    expect(ru).toContain('1\u00a0234 / 1\u00a0500');
    expect(ru).toContain('maxlength="1500"');
    expect(ru).toContain('href="/ru/comment-policy"');
    expect(ru).toContain('Комментариев пока нет.');
    const en = renderComments('en', { slug: 'drill', comments: [], values: { body: '🙂'.repeat(1234) } });
    expect(en).toContain('1,234 / 1,500');
    expect(en).toMatch(/<noscript>.*JavaScript/s);
    expect(en).toMatch(/<script src="\/portal\/assets\/comments\.[\w]+\.js" defer><\/script>/);
  });

  it('keeps the e-mail out of the comment list', () => {
    const out = renderComments('kk', {
      slug: 'drill',
      comments: [{ id: 'a', name: 'Айгүл', body: 'Рахмет', createdAt: at }],
    });
    expect(out).toContain('Айгүл');
    expect(out).not.toContain('@');
  });

  it('renders the vote as a plain form with the counts', () => {
    const out = renderVote('en', { slug: 'a b', counts: { yes: 1200, no: 3 }, voted: true });
    expect(out).toContain('action="/en/notices/a%20b/useful"');
    expect(out).toContain('name="useful" value="yes"');
    expect(out).toContain('Useful: 1,200 · Not useful: 3');
    expect(out).toContain('Thank you for your answer.');
  });
});
