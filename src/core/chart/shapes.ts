/*
 * A chart as a list of shapes: what every chart kind (bar, timeline) lays out, drawn as SVG for the
 * console and HTML, and as pixels for documents whose readers may not draw SVG (the DOCX's picture
 * fallback, which is what LibreOffice, and so the PDF, shows). Pure: the pixels are an RGB buffer,
 * text drawn from the glyphs handed in; encoding them (PNG) is the caller's business.
 */

export type Shape =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string; title?: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      anchor: 'start' | 'middle' | 'end';
      fill: string;
      /** Font size in the chart's units; 11 when absent. */
      size?: number;
      bold?: boolean;
    };

/** The font size of text that names none. */
export const TEXT_SIZE = 11;

/**
 * A text's width estimated from its length (about 0.62 of the font size a letter, for the sans-serif
 * fonts charts are drawn in, Latin and Cyrillic alike): layouts place labels without measuring fonts.
 */
export const textWidth = (text: string, size = TEXT_SIZE): number => [...text].length * size * 0.62;

/** The text cut to about `width` units, ending in "…" when cut; the whole text goes in a tooltip. */
export function fitText(text: string, width: number, size = TEXT_SIZE): string {
  const chars = [...text];
  const room = Math.max(1, Math.floor(width / (size * 0.62)));
  return chars.length <= room
    ? text
    : `${chars
        .slice(0, Math.max(1, room - 1))
        .join('')
        .trimEnd()}…`;
}

/** The text in lines of about `width` units, broken between words (a word too long is cut). */
export function wrapText(text: string, width: number, size = TEXT_SIZE): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, size) <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => fitText(l, width, size));
}

export interface ChartDrawing {
  width: number;
  height: number;
  /** What the chart shows, for people who cannot see it. */
  title: string;
  shapes: Shape[];
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const r = (n: number) => Math.round(n * 10) / 10;

function shapeSvg(s: Shape): string {
  switch (s.kind) {
    case 'rect':
      return `<rect x="${r(s.x)}" y="${r(s.y)}" width="${r(s.width)}" height="${r(s.height)}" fill="${s.fill}">${s.title ? `<title>${esc(s.title)}</title>` : ''}</rect>`;
    case 'line':
      return `<line x1="${r(s.x1)}" y1="${r(s.y1)}" x2="${r(s.x2)}" y2="${r(s.y2)}" stroke="${s.stroke}"/>`;
    case 'text':
      return `<text x="${r(s.x)}" y="${r(s.y)}" text-anchor="${s.anchor}" fill="${s.fill}"${s.size ? ` font-size="${s.size}"` : ''}${s.bold ? ' font-weight="bold"' : ''}>${esc(s.text)}</text>`;
  }
}

/** The drawing as a standalone SVG document. */
export function drawingSvg(d: ChartDrawing): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${d.width}" height="${d.height}" viewBox="0 0 ${d.width} ${d.height}" role="img" font-family="DejaVu Sans, Arial, sans-serif" font-size="${TEXT_SIZE}">` +
    `<title>${esc(d.title)}</title><rect width="${d.width}" height="${d.height}" fill="#ffffff"/>` +
    d.shapes.map(shapeSvg).join('') +
    '</svg>'
  );
}

const rgb = (hex: string): [number, number, number] => {
  const n = parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};

/** A glyph as coverage rows (0–255), placed from the pen on the baseline: `left` across, `top` up. */
export interface Glyph {
  /** Pixels the pen moves on. */
  advance: number;
  left: number;
  top: number;
  width: number;
  height: number;
  alpha: Uint8Array;
}

/** One face at one pixel size, as glyphs: what a raster prints text with. */
export interface RasterFont {
  pixelSize: number;
  bold: boolean;
  glyph(char: string): Glyph | undefined;
}

/** The face closest to the text's size at this scale, bold matched first. */
function faceFor(fonts: readonly RasterFont[], size: number, bold: boolean): RasterFont | undefined {
  const fit = (f: RasterFont) => Math.abs(f.pixelSize - size) + (f.bold === bold ? 0 : 1000);
  return [...fonts].sort((a, b) => fit(a) - fit(b))[0];
}

/**
 * The drawing as an RGB raster at `scale` pixels per unit, on white. Text is printed with the
 * glyphs of `fonts` (a character they lack prints as "?"); with none, text is left out.
 */
export function rasterize(
  d: ChartDrawing,
  scale = 2,
  fonts: readonly RasterFont[] = [],
): { width: number; height: number; rgb: Uint8Array } {
  const width = Math.ceil(d.width * scale);
  const height = Math.ceil(d.height * scale);
  const px = new Uint8Array(width * height * 3).fill(255);
  const fill = (x0: number, y0: number, x1: number, y1: number, c: [number, number, number]) => {
    const xa = Math.max(0, Math.floor(x0 * scale));
    const xb = Math.min(width, Math.max(xa + 1, Math.ceil(x1 * scale)));
    const ya = Math.max(0, Math.floor(y0 * scale));
    const yb = Math.min(height, Math.max(ya + 1, Math.ceil(y1 * scale)));
    if (xb <= xa || yb <= ya) return;
    // One row of the colour, copied to each row the shape covers.
    const row = new Uint8Array((xb - xa) * 3);
    for (let i = 0; i < row.length; i += 3) row.set(c, i);
    for (let y = ya; y < yb; y++) px.set(row, (y * width + xa) * 3);
  };
  const print = (s: Extract<Shape, { kind: 'text' }>) => {
    const font = faceFor(fonts, (s.size ?? TEXT_SIZE) * scale, !!s.bold);
    if (!font) return;
    const glyphs = [...s.text].map((ch) => font.glyph(ch) ?? font.glyph('?')).filter((g) => !!g);
    const textW = glyphs.reduce((w, g) => w + g.advance, 0);
    let pen = s.x * scale - (s.anchor === 'middle' ? textW / 2 : s.anchor === 'end' ? textW : 0);
    const base = Math.round(s.y * scale);
    const [r0, g0, b0] = rgb(s.fill);
    for (const g of glyphs) {
      const x0 = Math.round(pen) + g.left;
      for (let gy = 0; gy < g.height; gy++) {
        const y = base - g.top + gy;
        if (y < 0 || y >= height) continue;
        for (let gx = 0; gx < g.width; gx++) {
          const x = x0 + gx;
          const a = g.alpha[gy * g.width + gx]!;
          if (!a || x < 0 || x >= width) continue;
          const i = (y * width + x) * 3;
          px[i] = Math.round(px[i]! + ((r0 - px[i]!) * a) / 255);
          px[i + 1] = Math.round(px[i + 1]! + ((g0 - px[i + 1]!) * a) / 255);
          px[i + 2] = Math.round(px[i + 2]! + ((b0 - px[i + 2]!) * a) / 255);
        }
      }
      pen += g.advance;
    }
  };
  for (const s of d.shapes) {
    if (s.kind === 'text') print(s);
    else if (s.kind === 'rect') fill(s.x, s.y, s.x + s.width, s.y + s.height, rgb(s.fill));
    // Charts draw only horizontal and vertical lines: axes, grid and ticks.
    else if (s.kind === 'line')
      fill(
        Math.min(s.x1, s.x2),
        Math.min(s.y1, s.y2),
        Math.max(s.x1, s.x2),
        Math.max(s.y1, s.y2),
        rgb(s.stroke),
      );
  }
  return { width, height, rgb: px };
}
