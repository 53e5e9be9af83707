import { inflateSync } from 'node:zlib';
import type { Glyph, RasterFont } from '../../core/chart/shapes.js';
import { CHART_FONT_FACES } from './chart-font.data.js';

/*
 * The glyphs the report's pictures print their words with (chart-font.data.ts, made by
 * scripts/chart-font.ts), unpacked once on first use.
 */

function unpack(face: (typeof CHART_FONT_FACES)[number]): RasterFont {
  const alpha = inflateSync(Buffer.from(face.alpha, 'base64'));
  const glyphs = new Map<string, Glyph>();
  let at = 0;
  [...face.chars].forEach((ch, i) => {
    const [advance16, left, top, width, height] = face.metrics.slice(i * 5, i * 5 + 5) as number[] as [
      number,
      number,
      number,
      number,
      number,
    ];
    const size = width * height;
    glyphs.set(ch, {
      advance: advance16 / 16,
      left,
      top,
      width,
      height,
      alpha: alpha.subarray(at, at + size),
    });
    at += size;
  });
  return { pixelSize: face.pixelSize, bold: face.bold, glyph: (ch) => glyphs.get(ch) };
}

let fonts: RasterFont[] | undefined;

/** DejaVu Sans, regular and bold, at the sizes the report's pictures use. */
export const chartFonts = (): RasterFont[] => (fonts ??= CHART_FONT_FACES.map(unpack));
