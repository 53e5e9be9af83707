import { describe, expect, it } from 'vitest';
import { formatWaitsFor, readBranchingCells, readOptions, readWaitsFor } from './branching.cells.js';

describe('branching cells', () => {
  it.each([
    ['event 3: Storm', { kind: 'decision', number: '3', option: 'Storm' }],
    ['Event 12a: Negotiate: at once', { kind: 'decision', number: '12a', option: 'Negotiate: at once' }],
    ['вводная №3: штурм', { kind: 'decision', number: '3', option: 'штурм' }],
    ['Вводная 3 : штурм', { kind: 'decision', number: '3', option: 'штурм' }],
    ['кіріспе 3: шабуыл', { kind: 'decision', number: '3', option: 'шабуыл' }],
    ['№7: Yes', { kind: 'decision', number: '7', option: 'Yes' }],
    ['milestone: Perimeter secured', { kind: 'milestone', milestone: 'Perimeter secured' }],
    ['Рубеж: периметр оцеплен', { kind: 'milestone', milestone: 'периметр оцеплен' }],
    ['меже: периметр', { kind: 'milestone', milestone: 'периметр' }],
  ])('reads "%s"', (text, expected) => {
    expect(readWaitsFor(text)).toEqual(expected);
  });

  it.each(['when 2 says yes', 'event: Storm', 'event 3:', 'milestone:', 'storm'])('refuses "%s"', (text) => {
    expect(readWaitsFor(text)).toBeNull();
  });

  it.each(['en', 'ru', 'kk'] as const)('reads back what it writes in %s', (lang) => {
    for (const w of [
      { kind: 'decision', number: '3.1', option: 'Storm' },
      { kind: 'decision', number: '7', option: 'Штурм: сразу' },
      { kind: 'milestone', milestone: 'Hostages out' },
    ] as const)
      expect(readWaitsFor(formatWaitsFor(w, lang))).toEqual(w);
  });

  it('reads options a line each or between bars', () => {
    expect(readOptions('Storm\nNegotiate\r\n')).toEqual(['Storm', 'Negotiate']);
    expect(readOptions('Storm | Negotiate|Wait')).toEqual(['Storm', 'Negotiate', 'Wait']);
    expect(readOptions(null)).toEqual([]);
  });

  it('names the column of a delay that is not a number of minutes', () => {
    expect(readBranchingCells({ waitsFor: 'milestone: x', delay: 'soon' }).problems).toEqual([
      { field: 'delay', problem: 'delay_minutes', params: { max: '1440' } },
    ]);
    expect(readBranchingCells({ waitsFor: 'milestone: x', delay: 15 }).branching.delayMinutes).toBe(15);
    expect(readBranchingCells({}).branching).toEqual({ decision: null, waitsFor: null, delayMinutes: 0 });
  });
});
