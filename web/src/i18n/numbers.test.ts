import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatNumber, numbersInSentences } from './numbers';

const NBSP = /[\u00a0\u202f]/g; // Intl separates groups with a no-break space in Kazakh and Russian

async function sentences(lng: string) {
  const i18n = createInstance();
  await i18n.use(numbersInSentences).init({
    lng,
    resources: {
      [lng]: {
        translation: {
          reach_one: 'reaches {{count}} resident',
          reach_few: 'охватит {{count}} жителя',
          reach_many: 'охватит {{count}} жителей',
          reach_other: 'reaches {{count}} residents',
          inject: 'Inject {{number}} at {{time}}: {{title}}',
        },
      },
    },
    interpolation: { escapeValue: false, alwaysFormat: true },
  });
  return i18n;
}

describe('numbers as the reader’s language writes them', () => {
  it('groups large counts by the language and leaves four digits whole', () => {
    expect(formatNumber('en', 1_250_000)).toBe('1,250,000');
    expect(formatNumber('ru', 1_250_000).replace(NBSP, ' ')).toBe('1 250 000');
    expect(formatNumber('kk', 1_250_000).replace(NBSP, ' ')).toBe('1 250 000');
    expect(formatNumber('ru', 2026)).toBe('2026');
    expect(formatNumber('en', 1234)).toBe('1234');
    expect(formatNumber('ru', 12.5)).toBe('12,5');
    expect(formatNumber('kk', 3, { digits: 1 })).toBe('3,0');
    expect(formatNumber('en', 0.25, { digits: 1 })).toBe('0.3');
  });

  it('writes every number put into a sentence that way, with the plural still chosen by the count', async () => {
    const ru = await sentences('ru');
    expect(ru.t('reach', { count: 1_250_004 }).replace(NBSP, ' ')).toBe('охватит 1 250 004 жителя');
    expect(ru.t('reach', { count: 25 })).toBe('охватит 25 жителей');
    const en = await sentences('en');
    expect(en.t('reach', { count: 1 })).toBe('reaches 1 resident');
    expect(en.t('reach', { count: 40_000 })).toBe('reaches 40,000 residents');
  });

  it('leaves text, numbers of four digits and values that are not numbers as they are', async () => {
    const en = await sentences('en');
    expect(en.t('inject', { number: 1042, time: '10:42', title: '<b>Fire</b> 12345' })).toBe(
      'Inject 1042 at 10:42: <b>Fire</b> 12345',
    );
    expect(en.t('reach', { count: Number.NaN })).toBe('reaches NaN residents');
  });
});
