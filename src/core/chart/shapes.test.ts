import { describe, expect, it } from 'vitest';
import { fitText, rasterize, wrapText, type ChartDrawing, type RasterFont } from './shapes.js';

/** A font of solid blocks: "A" 4 px wide and 6 tall on the baseline, pen moving 5 px. */
const blocks = (pixelSize: number, bold: boolean): RasterFont => ({
  pixelSize,
  bold,
  glyph: (ch) =>
    ch === 'A' || ch === '?'
      ? { advance: 5, left: 0, top: 6, width: 4, height: 6, alpha: new Uint8Array(24).fill(255) }
      : undefined,
});

const inkAt = (r: ReturnType<typeof rasterize>, x: number, y: number) =>
  r.rgb[(y * r.width + x) * 3] !== 255 || r.rgb[(y * r.width + x) * 3 + 2] !== 255;

const drawing = (anchor: 'start' | 'middle' | 'end', text = 'AA'): ChartDrawing => ({
  width: 40,
  height: 20,
  title: 't',
  shapes: [{ kind: 'text', x: 20, y: 10, text, anchor, fill: '#000000' }],
});

describe('text in a chart’s picture', () => {
  it('is printed from the glyphs at its anchor, sitting on its baseline', () => {
    const start = rasterize(drawing('start'), 1, [blocks(11, false)]);
    expect(inkAt(start, 20, 9)).toBe(true);
    expect(inkAt(start, 28, 4)).toBe(true);
    expect(inkAt(start, 19, 9)).toBe(false);
    expect(inkAt(start, 20, 10)).toBe(false);
    expect(inkAt(start, 20, 3)).toBe(false);
    const end = rasterize(drawing('end'), 1, [blocks(11, false)]);
    expect(inkAt(end, 19 - 10 + 1, 9)).toBe(true);
    expect(inkAt(end, 21, 9)).toBe(false);
    const middle = rasterize(drawing('middle'), 1, [blocks(11, false)]);
    expect(inkAt(middle, 15, 9)).toBe(true);
    expect(inkAt(middle, 23, 9)).toBe(true);
    expect(inkAt(middle, 24, 9)).toBe(false);
  });

  it('prints a character the font lacks as “?”, and nothing without a font', () => {
    expect(inkAt(rasterize(drawing('start', 'ж'), 1, [blocks(11, false)]), 21, 8)).toBe(true);
    const bare = rasterize(drawing('start'), 1, []);
    expect(bare.rgb.every((v) => v === 255)).toBe(true);
  });

  it('takes the face nearest the text’s size at the scale, bold matched first', () => {
    const used: string[] = [];
    const spy = (f: RasterFont, name: string): RasterFont => ({
      ...f,
      glyph: (ch) => (used.push(name), f.glyph(ch)),
    });
    const fonts = [spy(blocks(22, false), 'regular 22'), spy(blocks(24, true), 'bold 24')];
    const d = drawing('start', 'A');
    rasterize(d, 2, fonts);
    rasterize({ ...d, shapes: [{ ...d.shapes[0]!, size: 12, bold: true } as never] }, 2, fonts);
    expect(used).toEqual(['regular 22', 'bold 24']);
  });
});

describe('labels that must fit', () => {
  it('are cut with “…” only when too wide, and titles break between words', () => {
    expect(fitText('Patrol 7', 100)).toBe('Patrol 7');
    expect(fitText('Медицинская бригада номер два', 60)).toMatch(/^Меди.*…$/);
    expect(wrapText('one two three four', 40)).toEqual(['one', 'two', 'three', 'four']);
    expect(wrapText('one two', 200)).toEqual(['one two']);
  });
});
