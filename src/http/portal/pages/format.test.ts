import { describe, expect, it } from 'vitest';
import { cityName } from './format.js';

describe("a notice's city in the reader's language", () => {
  it('is found however the planner wrote it: one spelling, several, or an unknown place kept as written', () => {
    expect(cityName('kk', 'Astana')).toBe('Астана');
    expect(cityName('kk', 'Astana (Астана)')).toBe('Астана');
    expect(cityName('en', 'Karaganda (Қарағанды / Караганда)')).toBe('Karaganda');
    expect(cityName('kk', 'Karaganda (Қарағанды / Караганда)')).toBe('Қарағанды');
    expect(cityName('ru', 'Pavlodar (Павлодар)')).toBe('Павлодар');
    expect(cityName('kk', 'Zhana-Arka village')).toBe('Zhana-Arka village');
    expect(cityName('kk', null)).toBeNull();
  });
});
