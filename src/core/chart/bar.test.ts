import { describe, expect, it } from 'vitest';
import { barChartLayout, barChartSvg } from './bar.js';

describe('bar chart layout', () => {
  it('scales bars to a rounded top, bars side by side within the plot, zero on the baseline', () => {
    const l = barChartLayout(
      [
        { label: '≤1 s', value: 37 },
        { label: '≤2 s', value: 0 },
        { label: '≤5 s', value: 12 },
      ],
      { title: 'Latency', width: 300, height: 200 },
    );
    expect(l.ticks.map((t) => t.value)).toEqual(['0', '10', '20', '30', '40']);
    const plotH = l.baseline - l.ticks.at(-1)!.y;
    expect(l.bars[0]!.height).toBeCloseTo((37 / 40) * plotH, 6);
    expect(l.bars[1]!.height).toBe(0);
    expect(l.bars[1]!.y).toBe(l.baseline);
    for (let i = 1; i < l.bars.length; i++)
      expect(l.bars[i]!.x).toBeGreaterThan(l.bars[i - 1]!.x + l.bars[i - 1]!.width);
    expect(l.bars.at(-1)!.x + l.bars.at(-1)!.width).toBeLessThanOrEqual(l.plotRight);
  });

  it('draws an empty or all-zero chart without dividing by zero', () => {
    for (const data of [[], [{ label: 'a', value: 0 }]]) {
      const l = barChartLayout(data, { title: 'Nothing yet' });
      expect(l.ticks.every((t) => Number.isFinite(t.y))).toBe(true);
      expect(l.bars.every((b) => b.height === 0)).toBe(true);
    }
  });

  it('writes an SVG document whose labels cannot carry markup', () => {
    const svg = barChartSvg(barChartLayout([{ label: '<script>x</script>', value: 3 }], { title: 'A & B' }));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>A &amp; B</title>');
    expect(svg).not.toContain('<script>');
  });
});
