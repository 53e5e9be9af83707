import type { MselEvent, Team } from '../../../api/planningTypes';

export interface TimelineRow {
  id: string;
  name: string;
  events: MselEvent[];
}

/** One row per team an event goes to (an event to two teams shows on both), then the rest. */
export function timelineRows(events: MselEvent[], teams: Team[], others: string): TimelineRow[] {
  const rows = new Map<string, TimelineRow>(teams.map((x) => [x.id, { id: x.id, name: x.name, events: [] }]));
  const rest: TimelineRow = { id: '', name: others, events: [] };
  for (const e of events) {
    const targets = e.toTeamIds.map((id) => rows.get(id)).filter((r) => r !== undefined);
    if (targets.length === 0) rest.events.push(e);
    for (const row of targets) row.events.push(e);
  }
  return [...rows.values(), ...(rest.events.length ? [rest] : [])];
}

/** Hour ticks across [from, to] minutes, thinned so labels do not collide. */
export function hourTicks(from: number, to: number): number[] {
  const hours = (to - from) / 60;
  const step = hours > 96 ? 24 : hours > 48 ? 12 : hours > 24 ? 6 : hours > 12 ? 2 : 1;
  const out: number[] = [];
  for (let m = Math.ceil(from / 60 / step) * step * 60; m <= to; m += step * 60) out.push(m);
  return out;
}
