import { barChartDrawing, barChartLayout } from '../chart/bar.js';
import type { ChartDrawing } from '../chart/shapes.js';
import { timelineDrawing } from '../chart/timeline.js';
import type { AarContent, AarResponseTime } from './content.js';

/** The words on a report's charts, in the reader's language. */
export interface AarChartLabels {
  timeline: string;
  timeAxis: string;
  lanes: { clock: string; inject: string; observation: string };
  perTeam: string;
  perInject: string;
  /** The unit of the bars' values ("min") and what the bars are. */
  minutes: string;
  teams: string;
  /**
   * The clock's commands in the reader's words, by their codes ("pause" → "Үзіліс"); the timeline
   * stores the code, and one not named here is drawn as stored.
   */
  commands?: Readonly<Record<string, string>>;
}

/**
 * The report's pictures: the exercise's timeline and the response times per team and per inject
 * (fired → first acknowledgement, minutes). The console and every report format draw these same
 * drawings.
 */
export function aarCharts(
  c: Pick<AarContent, 'timeline' | 'responseTimes'>,
  s: AarChartLabels,
): { timeline: ChartDrawing; perTeam: ChartDrawing; perInject: ChartDrawing } {
  const bars = (rows: readonly AarResponseTime[], title: string, categoryLabel: string) =>
    barChartDrawing(
      barChartLayout(
        rows.map((r) => ({ label: r.label, value: Math.round((r.acknowledgeSeconds ?? 0) / 6) / 10 })),
        {
          title,
          valueLabel: s.minutes,
          categoryLabel,
          width: 600,
          height: 220,
          format: (v) => String(Math.round(v * 10) / 10),
        },
      ),
    );
  return {
    timeline: timelineDrawing(
      c.timeline
        .filter((e) => e.seconds !== null)
        .map((e) => ({
          seconds: e.seconds!,
          lane: e.kind,
          label: e.kind === 'clock' ? (s.commands?.[e.label] ?? e.label) : e.label,
        })),
      {
        title: s.timeline,
        axisLabel: s.timeAxis,
        width: 600,
        lanes: [
          { key: 'clock', label: s.lanes.clock, colour: '#344054' },
          { key: 'inject', label: s.lanes.inject, colour: '#2b5288' },
          { key: 'observation', label: s.lanes.observation, colour: '#b54708' },
        ],
      },
    ),
    perTeam: bars(c.responseTimes.perTeam, s.perTeam, s.teams),
    perInject: bars(c.responseTimes.perInject, s.perInject, s.lanes.inject),
  };
}
