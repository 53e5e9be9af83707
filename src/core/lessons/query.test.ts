import { describe, expect, it } from 'vitest';
import { MARK_END, MARK_START, parseLessonQuery, snippetPieces, toFts5, toTsquery } from './query.js';

describe('lessons search box', () => {
  it('reads Kazakh, Russian and English words, lower-cased', () => {
    expect(parseLessonQuery('Қоршау ОЦЕПЛЕНИЕ Cordon').terms).toEqual([
      { words: ['қоршау'], prefix: false },
      { words: ['оцепление'], prefix: false },
      { words: ['cordon'], prefix: false },
    ]);
    expect(toFts5(parseLessonQuery('әуежай ұшақ'))).toBe('"әуежай" "ұшақ"');
    expect(toTsquery(parseLessonQuery('әуежай ұшақ'))).toBe("'әуежай' & 'ұшақ'");
  });

  it('keeps a quoted phrase and a trailing prefix star', () => {
    const q = parseLessonQuery('"outer cordon" эвакуац*');
    expect(q.terms).toEqual([
      { words: ['outer', 'cordon'], prefix: false },
      { words: ['эвакуац'], prefix: true },
    ]);
    expect(toFts5(q)).toBe('"outer cordon" "эвакуац"*');
    expect(toTsquery(q)).toBe("('outer' <-> 'cordon') & 'эвакуац':*");
  });

  it('treats operators and syntax characters as separators', () => {
    const nasty = `a" OR NOT (b) AND c* NEAR(d e) ' ; -- ! & | :* <-> \\ {x} ^y col:z "unclosed`;
    const q = parseLessonQuery(nasty);
    for (const t of q.terms) for (const w of t.words) expect(w).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
    // Operator words are quoted, so they are searched as words, never obeyed.
    expect(toFts5(parseLessonQuery('fire OR flood NOT NEAR'))).toBe('"fire" "or" "flood" "not" "near"');
    expect(toTsquery(q)).not.toMatch(/(^|[^'])\|/);
  });

  it('finds nothing to search in punctuation alone', () => {
    expect(parseLessonQuery(`"" ** ( ) ' -- :`).terms).toEqual([]);
  });

  it('drops repeated terms and caps their number', () => {
    expect(parseLessonQuery('fire Fire FIRE').terms).toHaveLength(1);
    expect(parseLessonQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')).terms).toHaveLength(16);
  });

  it('turns a marked snippet into pieces without markup', () => {
    expect(snippetPieces(`…the ${MARK_START}cordon${MARK_END} held <b>`)).toEqual([
      { text: '…the ', match: false },
      { text: 'cordon', match: true },
      { text: ' held <b>', match: false },
    ]);
    expect(snippetPieces(`${MARK_START}a${MARK_END}${MARK_START}b${MARK_END}`)).toEqual([
      { text: 'ab', match: true },
    ]);
  });
});
