import { drawingSvg, fitText, wrapText, type ChartDrawing, type Shape } from './shapes.js';

/*
 * Bar charts as geometry: one layout that the console draws as React SVG elements and that reports
 * (HTML, DOCX, PDF) draw as an SVG document or a picture, so a chart reads the same wherever it is
 * shown: its title on top, the unit of the values over the value axis, what the bars are under them.
 * Pure: no DOM, no fonts measured; a label's width is estimated from its length.
 */

export interface Bar {
  label: string;
  value: number;
}

export interface BarChartOptions {
  /** Width of the whole chart; height of its plot and bar labels (the title and axis names add to it). */
  width?: number;
  height?: number;
  /** What the chart shows, printed on top of it and given to those who cannot see it. */
  title: string;
  /** What the value axis counts, printed above it ("min", "deliveries"). */
  valueLabel?: string;
  /** What the bars are, printed under their labels ("Team", "Inject"). */
  categoryLabel?: string;
  /** How a value is written on its bar and on the axis. */
  format?: (value: number) => string;
}

export interface ChartText {
  x: number;
  y: number;
  text: string;
}

export interface BarChartLayout {
  width: number;
  height: number;
  title: string;
  /** The title as printed: one line each, wrapped to the width. */
  titleLines: ChartText[];
  valueLabel: ChartText | null;
  categoryLabel: ChartText | null;
  bars: {
    x: number;
    y: number;
    width: number;
    height: number;
    /** The whole label (the bar's tooltip) and what fits under the bar. */
    label: string;
    shortLabel: string;
    value: string;
    labelX: number;
  }[];
  /** Horizontal grid lines with their values. */
  ticks: { y: number; value: string }[];
  baseline: number;
  plotLeft: number;
  plotRight: number;
  plotTop: number;
}

/** Font sizes the drawing uses, in the chart's units. */
export const CHART_TEXT = { size: 11, titleSize: 12, line: 15 } as const;
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
  const body = options.height ?? 200;
  const format = options.format ?? ((v: number) => String(v));
  const lines = wrapText(options.title, width - 8, CHART_TEXT.titleSize);
  const titleH = lines.length * CHART_TEXT.line + 4;
  const unitH = options.valueLabel ? CHART_TEXT.line : 0;
  const categoryH = options.categoryLabel ? CHART_TEXT.line : 0;
  const plotTop = titleH + unitH + PAD.top;
  const height = titleH + unitH + body + categoryH;
  const step = niceStep(Math.max(0, ...data.map((d) => d.value)));
  const top = Math.max(step, Math.ceil(Math.max(0, ...data.map((d) => d.value)) / step) * step);
  const plotW = width - PAD.left - PAD.right;
  const plotH = body - PAD.top - PAD.bottom;
  const baseline = plotTop + plotH;
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
      shortLabel: fitText(d.label, slot - 2, CHART_TEXT.size),
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
    titleLines: lines.map((text, i) => ({ x: width / 2, y: 13 + i * CHART_TEXT.line, text })),
    valueLabel: options.valueLabel
      ? {
          x: 4,
          y: titleH + unitH + PAD.top - 10,
          text: fitText(options.valueLabel, width / 2, CHART_TEXT.size),
        }
      : null,
    categoryLabel: options.categoryLabel
      ? {
          x: PAD.left + plotW / 2,
          y: baseline + 30,
          text: fitText(options.categoryLabel, plotW, CHART_TEXT.size),
        }
      : null,
    bars,
    ticks,
    baseline,
    plotLeft: PAD.left,
    plotRight: width - PAD.right,
    plotTop,
  };
}

/** The layout as shapes: what the console, the SVG documents and the pictures all draw. */
export function barChartDrawing(layout: BarChartLayout): ChartDrawing {
  const ink = '#344054';
  const shapes: Shape[] = [
    ...layout.titleLines.map((l): Shape => ({
      kind: 'text',
      ...l,
      anchor: 'middle',
      fill: '#101828',
      size: CHART_TEXT.titleSize,
      bold: true,
    })),
    ...(layout.valueLabel
      ? [{ kind: 'text', ...layout.valueLabel, anchor: 'start', fill: ink } as const]
      : []),
    ...layout.ticks.flatMap((t): Shape[] => [
      { kind: 'line', x1: layout.plotLeft, x2: layout.plotRight, y1: t.y, y2: t.y, stroke: '#d0d5dd' },
      { kind: 'text', x: layout.plotLeft - 4, y: t.y + 4, text: t.value, anchor: 'end', fill: ink },
    ]),
    ...layout.bars.flatMap((b): Shape[] => [
      {
        kind: 'rect',
        x: b.x,
        y: b.y,
        width: b.width,
        height: b.height,
        fill: '#2b5288',
        title: `${b.label}: ${b.value}`,
      },
      { kind: 'text', x: b.labelX, y: layout.baseline + 14, text: b.shortLabel, anchor: 'middle', fill: ink },
      // The value over its bar, so a reader need not estimate it from the grid.
      { kind: 'text', x: b.labelX, y: b.y - 3, text: b.value, anchor: 'middle', fill: ink },
    ]),
    {
      kind: 'line',
      x1: layout.plotLeft,
      x2: layout.plotRight,
      y1: layout.baseline,
      y2: layout.baseline,
      stroke: ink,
    },
    ...(layout.categoryLabel
      ? [{ kind: 'text', ...layout.categoryLabel, anchor: 'middle', fill: ink } as const]
      : []),
  ];
  return { width: layout.width, height: layout.height, title: layout.title, shapes };
}

/** The layout as a standalone SVG document, for reports. */
export const barChartSvg = (layout: BarChartLayout): string => drawingSvg(barChartDrawing(layout));
