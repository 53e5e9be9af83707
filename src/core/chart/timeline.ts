import { fitText, wrapText, type ChartDrawing, type Shape } from './shapes.js';

/*
 * An exercise's timeline as a picture: one lane per kind of event (the clock, injects,
 * observations), each event a mark at its exercise time, the axis in H+hh:mm. Pure layout, drawn by
 * shapes.ts as SVG (console, HTML) or pixels (DOCX).
 */

export interface TimelineMark {
  /** Seconds from STARTEX. */
  seconds: number;
  lane: string;
  label: string;
}

export interface TimelineOptions {
  /** Printed on top of the picture and given to those who cannot see it. */
  title: string;
  /** What the time axis counts, printed under it ("Exercise time, H+hh:mm"). */
  axisLabel?: string;
  /** The lanes top to bottom, as they are labelled (in the reader's language). */
  lanes: readonly { key: string; label: string; colour: string }[];
  width?: number;
}

const PAD = { top: 12, right: 28, bottom: 28, left: 110 };
const LANE = 26;

/** "H+02:30" for an exercise time. */
export const exerciseClock = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `H+${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
};

/** A step of 5, 10, 15, 30 minutes or whole hours that splits `span` seconds into about six parts. */
function tickStep(span: number): number {
  const steps = [300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
  return steps.find((s) => span / s <= 6) ?? 86400 * Math.ceil(span / 86400 / 6);
}

export function timelineDrawing(marks: readonly TimelineMark[], options: TimelineOptions): ChartDrawing {
  const width = options.width ?? 640;
  const titleLines = wrapText(options.title, width - 8, 12);
  const top0 = PAD.top + titleLines.length * 15 + 4;
  const height = top0 + options.lanes.length * LANE + PAD.bottom + (options.axisLabel ? 15 : 0);
  const end = Math.max(600, ...marks.map((m) => m.seconds));
  const step = tickStep(end);
  const top = Math.ceil(end / step) * step;
  const plotW = width - PAD.left - PAD.right;
  const xOf = (s: number) => PAD.left + (Math.max(0, s) / top) * plotW;
  const baseline = top0 + options.lanes.length * LANE;
  const shapes: Shape[] = titleLines.map((text, i) => ({
    kind: 'text',
    x: width / 2,
    y: 13 + i * 15,
    text,
    anchor: 'middle',
    fill: '#101828',
    size: 12,
    bold: true,
  }));
  for (let t = 0; t <= top; t += step) {
    shapes.push(
      { kind: 'line', x1: xOf(t), x2: xOf(t), y1: top0, y2: baseline, stroke: '#e4e7ec' },
      {
        kind: 'text',
        x: xOf(t),
        y: baseline + 16,
        text: exerciseClock(t),
        anchor: 'middle',
        fill: '#344054',
      },
    );
  }
  options.lanes.forEach((lane, i) => {
    const mid = top0 + i * LANE + LANE / 2;
    shapes.push(
      { kind: 'line', x1: PAD.left, x2: width - PAD.right, y1: mid, y2: mid, stroke: '#d0d5dd' },
      {
        kind: 'text',
        x: PAD.left - 8,
        y: mid + 4,
        text: fitText(lane.label, PAD.left - 12),
        anchor: 'end',
        fill: '#344054',
      },
    );
    for (const m of marks.filter((k) => k.lane === lane.key))
      shapes.push({
        kind: 'rect',
        x: xOf(m.seconds) - 2,
        y: mid - 8,
        width: 4,
        height: 16,
        fill: lane.colour,
        title: `${exerciseClock(m.seconds)} ${m.label}`,
      });
  });
  shapes.push({
    kind: 'line',
    x1: PAD.left,
    x2: width - PAD.right,
    y1: baseline,
    y2: baseline,
    stroke: '#344054',
  });
  if (options.axisLabel)
    shapes.push({
      kind: 'text',
      x: PAD.left + plotW / 2,
      y: baseline + 32,
      text: fitText(options.axisLabel, plotW),
      anchor: 'middle',
      fill: '#344054',
    });
  return { width, height, title: options.title, shapes };
}
