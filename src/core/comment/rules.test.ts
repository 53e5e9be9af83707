import { describe, expect, it } from 'vitest';
import { checkComment, cleanComment, COMMENT_MAX_CHARS, countChars } from './rules.js';

const ok = { name: 'Айгүл', email: 'aigul@example.kz', body: 'Спасибо за предупреждение.' };

describe('comment rules', () => {
  it('accepts an ordinary comment', () => {
    expect(checkComment(ok)).toEqual([]);
  });

  it('names every empty required field', () => {
    expect(checkComment({ name: ' ', email: '', body: '\n\t' })).toEqual([
      { field: 'name', message: 'required' },
      { field: 'email', message: 'required' },
      { field: 'body', message: 'required' },
    ]);
  });

  it('counts code points: 1,500 emoji are 1,500 characters, one more is too many', () => {
    expect(checkComment({ ...ok, body: '🙂'.repeat(COMMENT_MAX_CHARS) })).toEqual([]);
    expect(checkComment({ ...ok, body: 'ә'.repeat(COMMENT_MAX_CHARS + 1) })).toEqual([
      { field: 'body', message: 'tooLong', limit: 1500 },
    ]);
    expect(countChars('👩🏽‍🚒')).toBe(4);
  });

  it('counts a line break once however the browser sent it', () => {
    const body = `${'a'.repeat(749)}\r\n${'b'.repeat(750)}`;
    expect(checkComment({ ...ok, body })).toEqual([]);
    expect(cleanComment({ ...ok, body }).body).toBe(`${'a'.repeat(749)}\n${'b'.repeat(750)}`);
  });

  it('refuses CR, LF and other control characters in a name', () => {
    for (const name of ['Eve\r\nBcc: all@example.kz', 'Eve\u0000', 'Eve\u0085x'])
      expect(checkComment({ ...ok, name })).toEqual([{ field: 'name', message: 'controlCharacters' }]);
  });

  it('refuses a name over 100 characters and a malformed address', () => {
    expect(checkComment({ ...ok, name: 'x'.repeat(101) })[0]).toMatchObject({
      field: 'name',
      message: 'tooLong',
    });
    for (const email of ['aigul', 'aigul@', '@example.kz', 'a b@example.kz', 'a@b', 'a@b.c'])
      expect(checkComment({ ...ok, email })).toEqual([{ field: 'email', message: 'malformed' }]);
  });

  it('keeps markup in the text verbatim: escaping is the page’s job', () => {
    const body = '<script>alert(1)</script> **bold**';
    expect(checkComment({ ...ok, body })).toEqual([]);
    expect(cleanComment({ ...ok, body }).body).toBe(body);
  });
});
