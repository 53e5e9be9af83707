import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatInstant, intlLocale } from './dates';

const AT = '2026-12-06T12:47:05Z';
const ZONE = { timeZone: 'Asia/Almaty' }; // UTC+05:00 all year

describe('dates as the console writes them', () => {
  it('writes English day first, as the Kazakh and Russian screens do, on a 24-hour clock', () => {
    expect(formatInstant('en', AT, ZONE)).toBe('06/12/2026, 17:47:05');
    expect(formatInstant('ru', AT, ZONE)).toBe('06.12.2026, 17:47:05');
    expect(formatInstant('kk', AT, ZONE)).toMatch(/^06\.12\.2026,? 17:47:05$/);
  });

  it('gives the date alone or the time alone when asked, without seconds when asked', () => {
    expect(formatInstant('en', AT, { ...ZONE, only: 'date' })).toBe('06/12/2026');
    expect(formatInstant('ru', AT, { ...ZONE, only: 'time' })).toBe('17:47:05');
    expect(formatInstant('en', AT, { ...ZONE, only: 'time', seconds: false })).toBe('17:47');
  });

  it('uses the day-first English locale for numbers and dates alike', () => {
    expect(intlLocale('en')).toBe('en-GB');
    expect(intlLocale('kk')).toBe('kk');
    expect((1234.5).toLocaleString(intlLocale('en'))).toBe('1,234.5');
  });

  it('is the only way a screen writes a date: no screen falls back to the browser locale', () => {
    const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
      });
    const fallbacks = files(src)
      .filter((f) => !f.endsWith('.test.ts'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${path.relative(src, f)}:${i + 1}`, line }))
          .filter(({ line }) =>
            /toLocale(Date|Time)String\(|toLocaleString\(\)|Date\([^)]*\)\.toLocaleString/.test(line),
          ),
      )
      .map(({ where }) => where);
    expect(fallbacks).toEqual([]);
  });
});
