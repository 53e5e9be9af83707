/*
 * Bar charts as geometry: one layout that the console draws as React SVG elements and that reports
 * (HTML, DOCX, PDF) draw as an SVG document, so a chart reads the same wherever it is shown.
 * Pure: no DOM, no fonts measured; labels are placed, not sized.
 */

export interface Bar {
  label: string;
  value: number;
}

export interface BarChartOptions {
  width?: number;
  height?: number;
  /** What the chart shows, for people who cannot see it (the SVG's title). */
  title: string;
  /** How a value is written on its bar and on the axis. */
  format?: (value: number) => string;
}

export interface BarChartLayout {
  width: number;
  height: number;
  title: string;
  bars: {
    x: number;
    y: number;
    width: number;
    height: number;
    label: string;
    value: string;
    labelX: number;
  }[];
  /** Horizontal grid lines with their values. */
  ticks: { y: number; value: string }[];
  baseline: number;
  plotLeft: number;
  plotRight: number;
}

const PAD = { top: 16, right: 8, bottom: 36, left: 44 };

/** A "nice" step (1, 2 or 5 × 10^n) that splits `max` into about four parts. */
function niceStep(max: number): number {
  if (max <= 0) return 1;
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow;
}

export function barChartLayout(data: readonly Bar[], options: BarChartOptions): BarChartLayout {
  const width = options.width ?? 480;
  const height = options.height ?? 200;
  const format = options.format ?? ((v: number) => String(v));
  const step = niceStep(Math.max(0, ...data.map((d) => d.value)));
  const top = Math.max(step, Math.ceil(Math.max(0, ...data.map((d) => d.value)) / step) * step);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const baseline = PAD.top + plotH;
  const slot = data.length ? plotW / data.length : plotW;
  const barW = Math.max(1, slot * 0.7);
  const bars = data.map((d, i) => {
    const h = (Math.max(0, d.value) / top) * plotH;
    const x = PAD.left + i * slot + (slot - barW) / 2;
    return {
      x,
      y: baseline - h,
      width: barW,
      height: h,
      label: d.label,
      value: format(d.value),
      labelX: x + barW / 2,
    };
  });
  const ticks = [];
  for (let v = 0; v <= top + step / 2; v += step)
    ticks.push({ y: baseline - (v / top) * plotH, value: format(v) });
  return {
    width,
    height,
    title: options.title,
    bars,
    ticks,
    baseline,
    plotLeft: PAD.left,
    plotRight: width - PAD.right,
  };
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The layout as a standalone SVG document, for reports. */
export function barChartSvg(layout: BarChartLayout): string {
  const r = (n: number) => Math.round(n * 10) / 10;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" font-family="sans-serif" font-size="11">`,
    `<title>${esc(layout.title)}</title>`,
    ...layout.ticks.map(
      (t) =>
        `<line x1="${layout.plotLeft}" x2="${layout.plotRight}" y1="${r(t.y)}" y2="${r(t.y)}" stroke="#d0d5dd"/><text x="${layout.plotLeft - 4}" y="${r(t.y + 4)}" text-anchor="end" fill="#344054">${esc(t.value)}</text>`,
    ),
    ...layout.bars.map(
      (b) =>
        `<rect x="${r(b.x)}" y="${r(b.y)}" width="${r(b.width)}" height="${r(b.height)}" fill="#2b5288"><title>${esc(b.label)}: ${esc(b.value)}</title></rect><text x="${r(b.labelX)}" y="${r(layout.baseline + 14)}" text-anchor="middle" fill="#344054">${esc(b.label)}</text>`,
    ),
    `<line x1="${layout.plotLeft}" x2="${layout.plotRight}" y1="${layout.baseline}" y2="${layout.baseline}" stroke="#344054"/>`,
    '</svg>',
  ];
  return parts.join('');
}
