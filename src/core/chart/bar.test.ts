import { describe, expect, it } from 'vitest';
import { barChartDrawing, barChartLayout, barChartSvg } from './bar.js';
import { textWidth } from './shapes.js';

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

describe('a bar chart’s words', () => {
  const texts = (data: { label: string; value: number }[], options: Parameters<typeof barChartLayout>[1]) =>
    barChartDrawing(barChartLayout(data, options)).shapes.flatMap((s) => (s.kind === 'text' ? [s] : []));

  it('prints the title on top in bold, the unit over the value axis and the category under the bars', () => {
    const shown = texts([{ label: 'Патруль 7', value: 4 }], {
      title: 'Медиана минут до подтверждения',
      valueLabel: 'мин',
      categoryLabel: 'Группы',
      width: 420,
    });
    const title = shown.find((s) => s.text === 'Медиана минут до подтверждения')!;
    expect(title).toMatchObject({ anchor: 'middle', bold: true });
    const unit = shown.find((s) => s.text === 'мин')!;
    const category = shown.find((s) => s.text === 'Группы')!;
    const bar = shown.find((s) => s.text === 'Патруль 7')!;
    const value = shown.find((s) => s.text === '4')!;
    expect(title.y).toBeLessThan(unit.y);
    expect(bar.y).toBeLessThan(category.y);
    expect(value.y).toBeLessThan(bar.y);
  });

  it('wraps a long title inside the width and grows the chart for it', () => {
    const title = 'Берілгеннен растауға дейінгі минуттар медианасы, топтар бойынша және тағы бір ұзын сөз';
    const one = barChartLayout([], { title: 'Short', width: 300, height: 180 });
    const long = barChartLayout([], { title, width: 300, height: 180 });
    expect(one.titleLines).toHaveLength(1);
    expect(long.titleLines.length).toBeGreaterThan(1);
    expect(long.titleLines.map((l) => l.text).join(' ')).toBe(title);
    expect(long.height - one.height).toBe((long.titleLines.length - 1) * 15);
    for (const l of long.titleLines) expect(textWidth(l.text, 12)).toBeLessThanOrEqual(300);
  });

  it('cuts a label wider than its bar’s room with “…” and keeps it whole in the bar’s tooltip', () => {
    const label = '12. Захват заложников в аэропорту Караганды';
    const data = Array.from({ length: 8 }, (_, i) => ({ label: i ? String(i) : label, value: i }));
    const l = barChartLayout(data, { title: 'Injects', width: 480 });
    expect(l.bars[0]!.shortLabel).toMatch(/^12\..*…$/);
    expect(textWidth(l.bars[0]!.shortLabel)).toBeLessThanOrEqual(480 / 8);
    expect(l.bars[1]!.shortLabel).toBe('1');
    const svg = barChartSvg(l);
    expect(svg).toContain(`<title>${label}: 0</title>`);
    expect(svg).toContain('font-weight="bold"');
  });
});
