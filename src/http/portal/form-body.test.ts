import { describe, expect, it } from 'vitest';
import { formField, formList, parseForm } from './form-body.js';

describe('parseForm', () => {
  it('reads single fields as strings and repeated ones as lists', () => {
    const body = parseForm('name=Dana+O%C3%B1&lang=kk&lang=ru&empty=');
    expect(formField(body, 'name')).toBe('Dana Oñ');
    expect(formList(body, 'lang')).toEqual(['kk', 'ru']);
    expect(formField(body, 'lang')).toBe('kk');
    expect(formField(body, 'empty')).toBe('');
    expect(formField(body, 'missing')).toBe('');
    expect(formList(body, 'missing')).toEqual([]);
  });

  it('keeps __proto__ a plain field instead of touching the prototype', () => {
    const body = parseForm('__proto__=x&constructor=y');
    expect(formField(body, '__proto__')).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
