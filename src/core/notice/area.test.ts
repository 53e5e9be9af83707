import { describe, expect, it } from 'vitest';
import { areaLabel, missingAreaTexts, readArea, readSnapshot } from './area.js';
import { sampleSnapshot } from './testing.js';

const geometry = {
  type: 'LineString' as const,
  coordinates: [
    [73.09, 49.8],
    [73.1, 49.81],
  ],
};

describe('notice areas', () => {
  it('read an area stored with one name and road as that text in every language, exactly as it showed', () => {
    const old = {
      id: 'c',
      kind: 'closure',
      name: 'Avenue closed',
      road: 'Avenue',
      geometry,
      startsAt: null,
      endsAt: null,
      zoneId: null,
    };
    const a = readArea(old);
    expect(a).not.toHaveProperty('name');
    expect(a).not.toHaveProperty('road');
    for (const l of ['kk', 'ru', 'en'] as const)
      expect(a.texts[l]).toEqual({ name: 'Avenue closed', description: 'Avenue' });
    expect(readArea({ ...old, road: 'Avenue closed' }).texts.en).toEqual({
      name: 'Avenue closed',
      description: '',
    });
    expect(readArea(a)).toBe(a);
  });

  it('read an old published snapshot so its history still renders', () => {
    const snap = sampleSnapshot();
    const stored = JSON.stringify({
      ...snap,
      areas: [
        {
          id: 'a',
          kind: 'area',
          name: 'Square',
          road: null,
          geometry,
          startsAt: null,
          endsAt: null,
          zoneId: null,
        },
      ],
    });
    expect(readSnapshot(stored).areas[0]!.texts.kk!.name).toBe('Square');
  });

  it('say per language what a publication still lacks: every name, and every closure its description', () => {
    const areas = sampleSnapshot().areas;
    expect(missingAreaTexts(areas, 'kk')).toEqual([]);
    const bare = areas.map((a) => ({ ...a, texts: { ru: { name: ' ', description: '' } } }));
    expect(missingAreaTexts(bare, 'ru')).toEqual([
      { index: 0, field: 'name' },
      { index: 1, field: 'name' },
      { index: 1, field: 'description' },
    ]);
    expect(missingAreaTexts(bare, 'en')).toHaveLength(3);
  });

  it('label a place in the reader’s own language', () => {
    const [area, closure] = sampleSnapshot().areas;
    expect(areaLabel(area!, 'ru')).toBe('Оцепление вокруг учреждения');
    expect(areaLabel(closure!, 'kk')).toMatch(/^Бұқар жырау даңғылы — Гоголь көшесінен/);
    expect(areaLabel({ ...closure!, texts: {} }, 'en')).toBe('');
  });
});
