import { describe, expect, it } from 'vitest';
import { CB_MAX_PAGES, cbPages, fitCbText, splitCbPages } from './pages.js';

describe('cell-broadcast pages', () => {
  it('fits 93 GSM-7 characters on a page and starts a second page with the 94th', () => {
    expect(cbPages('a'.repeat(93))).toMatchObject({ encoding: 'gsm7', units: 93, pages: 1, fits: true });
    expect(cbPages('a'.repeat(94))).toMatchObject({ pages: 2, unitsPerPage: 93 });
  });

  it('fits 41 Kazakh or Russian characters on a page (UCS-2)', () => {
    expect(cbPages('Ә'.repeat(41))).toMatchObject({ encoding: 'ucs2', pages: 1, unitsPerPage: 41 });
    expect(cbPages('Ы'.repeat(42))).toMatchObject({ pages: 2, nonGsm: ['Ы'] });
  });

  it('counts an escaped GSM character as two septets and never splits it across pages', () => {
    const text = 'a'.repeat(92) + '€';
    expect(cbPages(text)).toMatchObject({ encoding: 'gsm7', units: 94, pages: 2 });
    expect(splitCbPages(text)).toEqual(['a'.repeat(92), '€']);
  });

  it('keeps a surrogate pair on one page', () => {
    const pages = splitCbPages('Ж'.repeat(40) + '😀');
    expect(pages).toEqual(['Ж'.repeat(40), '😀']);
  });

  it('says a text of more than 15 pages does not fit', () => {
    expect(cbPages('Ж'.repeat(41 * CB_MAX_PAGES)).fits).toBe(true);
    expect(cbPages('Ж'.repeat(41 * CB_MAX_PAGES + 1))).toMatchObject({ pages: 16, fits: false });
  });

  it('an empty text is one page', () => {
    expect(cbPages('')).toMatchObject({ pages: 1, units: 0 });
  });

  it('cuts a text too long for 15 pages to 15 pages, ending in "..."', () => {
    const long = 'Жер сілкінісі. '.repeat(60);
    const fitted = fitCbText(long);
    expect(fitted.endsWith('...')).toBe(true);
    expect(cbPages(fitted)).toMatchObject({ pages: CB_MAX_PAGES, fits: true });
    expect(long.startsWith(fitted.slice(0, -3))).toBe(true);
    expect(fitCbText('short')).toBe('short');
  });
});
