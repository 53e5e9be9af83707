import { describe, expect, it } from 'vitest';
import { fitSms } from './fit.js';
import { smsPreview } from './segment.js';

const marked = (body: string) =>
  `EXERCISE EXERCISE EXERCISE - УЧЕНИЯ\nВводная 12: Захват школы\n${body}\nhttps://dabyl.example.kz/i/AbCdEfGhIjKlMnOpQrStUv\n-- EXERCISE EXERCISE EXERCISE: Караганда-2026`;

describe('an SMS body fitted to the segments allowed', () => {
  it('leaves a body that fits as it is', () => {
    expect(fitSms('Группа захватила школу №12.', marked, 10)).toBe('Группа захватила школу №12.');
  });

  it('cuts a long Cyrillic body on a word, keeps the marking and the link, and fills the segments', () => {
    const body = 'Вооружённая группа удерживает заложников в спортзале школы. '.repeat(30);
    const fitted = fitSms(body, marked, 5);
    const text = marked(fitted);
    expect(smsPreview(text).segments).toBeLessThanOrEqual(5);
    expect(fitted.endsWith('…')).toBe(true);
    expect(body.startsWith(fitted.slice(0, -1))).toBe(true);
    expect(fitted.slice(-2, -1)).not.toBe(' ');
    expect(body[fitted.length - 1]).toMatch(/\s/);
    expect(text.startsWith('EXERCISE EXERCISE EXERCISE')).toBe(true);
    expect(text).toContain('https://dabyl.example.kz/i/AbCdEfGhIjKlMnOpQrStUv');
    expect(text.endsWith('Караганда-2026')).toBe(true);
    // Nearly full: one more word would not have fitted.
    expect(smsPreview(text).remaining).toBeLessThan(40);
    expect(smsPreview(text).segments).toBe(5);
  });

  it('keeps a Latin message in GSM-7 by cutting with three dots', () => {
    const latin = (b: string) => `EXERCISE EXERCISE EXERCISE\nInject 3: Gate\n${b}\n-- Drill`;
    const fitted = fitSms('Shots fired at the north gate of the prison. '.repeat(40), latin, 3);
    expect(fitted.endsWith('...')).toBe(true);
    expect(smsPreview(latin(fitted))).toMatchObject({ encoding: 'gsm7', segments: 3 });
  });

  it('cuts a body of one long word anywhere rather than losing it all', () => {
    const fitted = fitSms('Б'.repeat(2000), marked, 4);
    expect(fitted.length).toBeGreaterThan(100);
    expect(smsPreview(marked(fitted)).segments).toBe(4);
  });
});
