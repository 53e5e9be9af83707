import { describe, expect, it } from 'vitest';
import { jsonInPieces } from './bundle-json.js';

const text = async (v: Record<string, unknown>) => {
  let out = '';
  for await (const piece of jsonInPieces(v)) out += piece;
  return out;
};

describe('a bundle written in pieces', () => {
  it('is byte for byte what JSON.stringify writes, left-out values and large arrays included', async () => {
    const big = Array.from({ length: 3000 }, (_, i) => ({
      id: `e${i}`,
      content: 'Оперативный штаб «Караганда» — "цитата"\n'.repeat(5),
      gone: undefined,
      at: new Date(Date.UTC(2026, 11, 8, 0, 0, i)),
    }));
    const value = {
      format: 'dabyl.exercise-bundle',
      version: 1,
      skipped: undefined,
      exercise: { name: 'Karaganda', threat: null },
      empty: [],
      holes: [1, undefined, () => 1, 'x'],
      msel: big,
    };
    const written = await text(value);
    expect(written).toBe(JSON.stringify(value));
    expect(JSON.parse(written)).toEqual(JSON.parse(JSON.stringify(value)));
    expect(await text({})).toBe('{}');
  });

  it('hands over more than one piece for a large bundle, so the event loop can turn between them', async () => {
    const pieces: string[] = [];
    for await (const p of jsonInPieces({
      msel: Array.from({ length: 2000 }, (_, i) => ({ i, t: 'x'.repeat(100) })),
    }))
      pieces.push(p);
    expect(pieces.length).toBeGreaterThan(2);
  });
});
