import { describe, expect, it } from 'vitest';
import { sampleSnapshot, sampleText } from './testing.js';
import { languageStatus, validateNotice, type NoticeDraft } from './validate.js';

const now = new Date('2026-10-20T00:00:00Z');
const draft = (over: Partial<NoticeDraft> = {}): NoticeDraft => {
  const s = sampleSnapshot();
  return {
    timeZone: s.timeZone,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    city: s.city,
    texts: s.texts,
    areas: s.areas,
    ...over,
  };
};
const paths = (d: NoticeDraft, stage: 'save' | 'submit' = 'submit') =>
  validateNotice(d, stage, now).map((p) => p.path);

describe('notice rules', () => {
  it('accepts the sample and a notice in one complete language', () => {
    expect(validateNotice(draft(), 'submit', now)).toEqual([]);
    expect(validateNotice(draft({ texts: { ru: sampleText('ru') } }), 'submit', now)).toEqual([]);
  });

  it('wants one complete language to submit, and no half-written one, but saves either', () => {
    expect(paths(draft({ texts: {} }))).toEqual(['texts']);
    const half = { ...sampleText('kk'), summary: '', contacts: ' ' };
    expect(languageStatus(half)).toBe('incomplete');
    expect(languageStatus(undefined)).toBe('missing');
    expect(paths(draft({ texts: { ru: sampleText('ru'), kk: half } }))).toEqual([
      'texts.kk.summary',
      'texts.kk.contacts',
    ]);
    expect(paths(draft({ texts: { kk: half } }), 'save')).toEqual([]);
  });

  it('limits lengths and lists, and refuses unknown languages', () => {
    const long = {
      ...sampleText('en'),
      title: 'x'.repeat(121),
      doList: Array(13).fill('go'),
      dontList: ['', 'a\nb'],
    };
    expect(paths(draft({ texts: { en: long, de: sampleText('en') } as never }), 'save')).toEqual([
      'texts.en.title',
      'texts.en.doList',
      'texts.en.dontList[0]',
      'texts.en.dontList[1]',
      'texts.de',
    ]);
  });

  it('checks the window, the time zone and the areas with their own windows', () => {
    expect(paths(draft({ timeZone: 'Mars/Olympus' }), 'save')).toEqual(['timeZone']);
    expect(paths(draft({ endsAt: draft().startsAt }), 'save')).toContain('endsAt');
    expect(paths(draft({ endsAt: '2027-03-01T00:00:00Z' }), 'save')).toEqual(['endsAt']);
    expect(
      paths(
        draft({
          endsAt: '2026-10-19T00:00:00Z',
          startsAt: '2026-10-18T00:00:00Z',
          areas: [draft().areas[0]!],
        }),
        'submit',
      ),
    ).toEqual(['endsAt']);
    const [area, closure] = draft().areas;
    expect(
      paths(draft({ areas: [area!, { ...closure!, startsAt: '2026-10-24T00:00:00Z' }] }), 'save'),
    ).toEqual(['areas[1].startsAt']);
    expect(
      paths(
        draft({ areas: [area!, { ...closure!, startsAt: closure!.endsAt, endsAt: closure!.startsAt }] }),
        'save',
      ),
    ).toEqual(['areas[1].endsAt']);
    expect(paths(draft({ areas: [] }))).toEqual(['areas']);
  });

  it('reuses the plan geometry checks: self-crossing rings, swapped axes, wrong kinds, duplicate ids', () => {
    const [area, closure] = draft().areas;
    const bow = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [73, 49],
          [73.1, 49.1],
          [73.1, 49],
          [73, 49.1],
          [73, 49],
        ],
      ],
    };
    const swapped = {
      type: 'LineString' as const,
      coordinates: [
        [49.8, 73.09],
        [49.81, 73.11],
      ],
    };
    const problems = validateNotice(
      draft({
        areas: [
          { ...area!, geometry: bow },
          { ...closure!, geometry: swapped },
          { ...area!, id: 'c1', geometry: closure!.geometry },
        ],
      }),
      'save',
      now,
    );
    expect(problems.map((p) => p.path)).toEqual([
      'areas[0].geometry',
      'areas[1].geometry',
      'areas[2].id',
      'areas[2].geometry',
    ]);
    expect(problems[1]!.message).toMatch(/swapped/);
    expect(problems.every((p) => p.rule.startsWith('notice.'))).toBe(true);
  });
});
