import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSlug, noticeSlugBase, slugify, SLUG_MAX, uniqueSlug } from './slug.js';

describe('notice slugs', () => {
  it('transliterates Russian and Kazakh', () => {
    expect(slugify('Учения в Караганде')).toBe('ucheniya-v-karagande');
    expect(slugify('Қарағанды облысындағы жаттығу')).toBe('qaraghandy-oblysyndaghy-zhattyghu');
    expect(slugify('Мәңгілік Ел даңғылы')).toBe('manggilik-el-dangghyly');
    expect(slugify('Щит-2026: «Арыстан»')).toBe('shchit-2026-arystan');
    expect(slugify('Drill at the EXPO — Nur Alem!')).toBe('drill-at-the-expo-nur-alem');
    expect(slugify('Café Zürich')).toBe('cafe-zurich');
  });

  it('names the date and falls back when the title has no letters', () => {
    expect(noticeSlugBase('Karaganda exercise', '2026-10-25')).toBe('2026-10-25-karaganda-exercise');
    expect(noticeSlugBase('!!!', '2026-10-25')).toBe('2026-10-25-drill-notice');
    expect(noticeSlugBase(null, '2026-10-25')).toBe('2026-10-25-drill-notice');
  });

  it('always gives a well-formed, bounded slug, and the same one for the same text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const s = slugify(text);
        expect(s.length).toBeLessThanOrEqual(SLUG_MAX);
        if (s !== '') expect(isSlug(s)).toBe(true);
        expect(slugify(text)).toBe(s);
        expect(slugify(s)).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('cuts long titles at a word break', () => {
    const s = slugify('counter terrorism '.repeat(20));
    expect(s.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(s.endsWith('-')).toBe(false);
    expect(s.split('-').every((w) => w === 'counter' || w === 'terrorism')).toBe(true);
  });

  it('makes a taken slug unique with the first free number', () => {
    expect(uniqueSlug('a', new Set())).toBe('a');
    expect(uniqueSlug('a', new Set(['a', 'a-2']))).toBe('a-3');
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('x', 'x-2', 'x-3', 'x-4', 'y')), (taken) => {
        const s = uniqueSlug('x', new Set(taken));
        expect(taken).not.toContain(s);
      }),
    );
  });
});
