import { describe, expect, it } from 'vitest';
import { validateAlert, type AlertDraft } from './validate.js';
import { ALMATY_POLYGON, almatyTexts } from './testing.js';

const NOW = new Date('2026-11-03T05:00:00.000Z');
const draft = (over: Partial<AlertDraft> = {}): AlertDraft => ({
  status: 'Actual',
  exerciseId: null,
  audience: 'public',
  hazard: 'earthquake',
  texts: almatyTexts(),
  area: ALMATY_POLYGON,
  expiresAt: '2026-11-03T11:00:00.000Z',
  ...over,
});
const fields = (d: AlertDraft, exercise?: { exists: boolean; includesPublic: boolean }) =>
  validateAlert(d, 'submit', NOW, exercise).map((p) => `${p.field}: ${p.problem}`);

describe('validating an alert', () => {
  it('accepts a complete trilingual Actual alert', () => {
    expect(fields(draft())).toEqual([]);
  });

  it('never lets an Actual alert belong to an exercise', () => {
    expect(fields(draft({ exerciseId: 'ex-1' }), { exists: true, includesPublic: true })).toEqual([
      'exerciseId: an Actual alert is real and never belongs to an exercise',
    ]);
  });

  it('makes Exercise and Test alerts name their exercise', () => {
    expect(fields(draft({ status: 'Exercise', audience: 'exercise' }))[0]).toMatch(
      /^exerciseId: an Exercise alert names/,
    );
    expect(
      fields(draft({ status: 'Test', audience: 'exercise', exerciseId: 'gone' }), {
        exists: false,
        includesPublic: false,
      }),
    ).toEqual(['exerciseId: no such exercise']);
  });

  it('refuses an Exercise alert aimed at the public unless the exercise includes the public', () => {
    const ex = draft({ status: 'Exercise', exerciseId: 'ex-1', audience: 'public' });
    expect(fields(ex, { exists: true, includesPublic: false })).toEqual([
      "audience: this exercise does not include the public: its alerts go to the exercise's own recipients only",
    ]);
    expect(fields(ex, { exists: true, includesPublic: true })).toEqual([]);
    expect(fields({ ...ex, audience: 'exercise' }, { exists: true, includesPublic: false })).toEqual([]);
  });

  it('refuses markup in any text, and asks for every language on submit', () => {
    const texts = almatyTexts();
    texts.ru = { ...texts.ru!, description: 'Смотрите <a href="http://evil">здесь</a>' };
    texts.en = { ...texts.en!, instruction: 'Go &amp; hide' };
    delete texts.kk;
    expect(fields(draft({ texts }))).toEqual([
      'texts.kk: every alert is given in Kazakh, Russian and English',
      'texts.ru.description: must be plain text, without markup',
      'texts.en.instruction: must be plain text, without markup',
    ]);
  });

  it('checks the area with the area engine and the region against ISO 3166-2:KZ', () => {
    const bow = draft({
      area: {
        kind: 'polygon',
        region: 'KZ-99',
        ring: [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      },
    });
    const problems = fields(bow);
    expect(problems[0]).toBe('area.region: "KZ-99" is not an ISO 3166-2 code of a Kazakhstan region or city');
    expect(problems[1]).toMatch(/^area\.ring: the polygon.*cross/);
    expect(
      fields(draft({ area: { kind: 'circle', lon: 76.9, lat: 43.2, radiusM: 0, region: 'KZ-75' } })),
    ).toEqual(['area.radiusM: must be more than 0 and at most 300000 metres']);
  });

  it('asks for a future expiry on submit', () => {
    expect(fields(draft({ expiresAt: '2026-11-03T04:00:00.000Z' }))).toEqual([
      'expiresAt: must be in the future',
    ]);
  });
});
