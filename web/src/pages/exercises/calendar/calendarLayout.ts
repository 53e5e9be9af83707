import type { Exercise } from '../../../api/planningTypes';
import { isoToLocal, localToIso } from '../time';

const DAY = 86_400_000;

/** The narrowest a day is drawn, in rem; the grid grows past its container rather than squeeze more. */
export const REM_PER_DAY = 1.25;

export interface CalendarBar {
  exercise: Exercise;
  lane: number;
  /** Too short for its name: the name is written after the bar instead of inside it. */
  narrow: boolean;
  /** Position and width along the axis, in percent. */
  left: number;
  width: number;
}

export interface CalendarRow {
  city: string | null;
  lanes: number;
  bars: CalendarBar[];
}

export interface CalendarLayout {
  zone: string;
  start: number;
  end: number;
  /** Midnights (in `zone`) that get a tick, with their position in percent. */
  ticks: { at: number; left: number }[];
  rows: CalendarRow[];
}

/** The zone most of the exercises use: the axis shows its midnights, each bar keeps its own zone. */
function commonZone(exercises: Exercise[]): string {
  const counts = new Map<string, number>();
  for (const x of exercises) counts.set(x.timeZone, (counts.get(x.timeZone) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'UTC';
}

const midnight = (at: number, zone: string): number =>
  Date.parse(localToIso(`${isoToLocal(new Date(at).toISOString(), zone).slice(0, 10)}T00:00`, zone) ?? '');

/** How long a name takes on the axis, at the narrowest a day is drawn (about 0.45rem a letter). */
const labelMs = (x: Exercise): number => ((x.name.length * 0.45 + 1) / REM_PER_DAY) * DAY;
const isNarrow = (x: Exercise): boolean => Date.parse(x.endex) - Date.parse(x.startex) < labelMs(x);
/** Where an exercise's bar, or the name written after it, ends. */
const reach = (x: Exercise): number => Date.parse(x.endex) + (isNarrow(x) ? labelMs(x) : 0);

/**
 * Lays the programme out as one row per city, exercises that overlap in one city on separate lanes,
 * from the first STARTEX's midnight to the day after the last ENDEX.
 */
export function layoutCalendar(exercises: Exercise[]): CalendarLayout | null {
  if (exercises.length === 0) return null;
  const zone = commonZone(exercises);
  const start = midnight(Math.min(...exercises.map((x) => Date.parse(x.startex))), zone);
  // The axis runs on past the last ENDEX far enough for a name written after a short bar.
  const end = midnight(Math.max(...exercises.map((x) => reach(x))) + DAY, zone);
  const span = end - start;
  const pct = (at: number) => ((at - start) / span) * 100;

  const days = Math.round(span / DAY);
  // A labelled tick needs about three narrowest days of room; short programmes are drawn wider.
  const step = days > 120 ? 30 : days > 14 ? 7 : 1;
  const ticks: CalendarLayout['ticks'] = [];
  for (let i = 0; i < days; i += step) {
    const at = midnight(start + i * DAY + DAY / 2, zone);
    ticks.push({ at, left: pct(at) });
  }

  const byCity = new Map<string | null, Exercise[]>();
  for (const x of [...exercises].sort((a, b) => a.startex.localeCompare(b.startex))) {
    const key = x.city?.trim() || null;
    byCity.set(key, [...(byCity.get(key) ?? []), x]);
  }
  const rows = [...byCity]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([city, list]) => {
      const laneEnds: number[] = [];
      const bars = list.map((exercise) => {
        const s = Date.parse(exercise.startex);
        const e = Date.parse(exercise.endex);
        // A name written after a short bar takes room on its lane too.
        const narrow = isNarrow(exercise);
        const reserved = reach(exercise);
        let lane = laneEnds.findIndex((endAt) => endAt <= s);
        if (lane === -1) lane = laneEnds.push(reserved) - 1;
        else laneEnds[lane] = reserved;
        return { exercise, lane, narrow, left: pct(s), width: Math.max(pct(e) - pct(s), 0.4) };
      });
      return { city, lanes: laneEnds.length, bars };
    });
  return { zone, start, end, ticks, rows };
}
