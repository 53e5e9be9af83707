import { describe, expect, it } from 'vitest';
import { barChartDrawing, barChartLayout } from '../../core/chart/bar.js';
import { rasterize } from '../../core/chart/shapes.js';
import { chartFonts } from './chart-font.js';
import { aarStrings } from './i18n.js';

const words = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : typeof v === 'object' && v ? Object.values(v).flatMap(words) : [];

describe('the glyphs the report’s pictures print with', () => {
  it('cover every letter of the report’s chart words in Kazakh, Russian and English, in both faces', () => {
    const faces = chartFonts();
    expect(faces.map((f) => [f.pixelSize, f.bold])).toEqual([
      [22, false],
      [24, true],
    ]);
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const s = aarStrings(lang);
      const text = words([s.timeline, s.timeAxis, s.lanes, s.perTeam, s.perInject, s.minutes, s.teams]).join(
        '',
      );
      for (const face of faces)
        for (const ch of text) expect(face.glyph(ch), `${lang} “${ch}”`).toBeDefined();
    }
    for (const ch of 'ӘәҒғҚқҢңӨөҰұҮүҺһІіЁё—…«»“”≤→H+:0123456789')
      expect(faces[0]!.glyph(ch), ch).toBeDefined();
  });

  it('print a chart’s title into its picture', () => {
    const d = barChartDrawing(barChartLayout([], { title: 'Топтар бойынша', width: 200, height: 120 }));
    const title = d.shapes.find((s) => s.kind === 'text' && s.text === 'Топтар бойынша')!;
    const raster = rasterize(d, 2, chartFonts());
    const band = (y0: number, y1: number) => {
      let ink = 0;
      for (let y = y0; y < y1; y++)
        for (let x = 0; x < raster.width; x++) if (raster.rgb[(y * raster.width + x) * 3]! < 128) ink++;
      return ink;
    };
    const base = Math.round((title as { y: number }).y * 2);
    expect(band(base - 18, base)).toBeGreaterThan(100);
    expect(band(0, base - 24)).toBe(0);
    // Without the glyphs there would be no ink on the title's line at all.
    const bare = rasterize(d, 2);
    let bareInk = 0;
    for (let y = base - 18; y < base; y++)
      for (let x = 0; x < bare.width; x++) if (bare.rgb[(y * bare.width + x) * 3]! < 128) bareInk++;
    expect(bareInk).toBe(0);
  });
});
