import type { MselEvent } from '../../../api/planningTypes';
import { parseOffset } from '../time';

export interface MselFilter {
  teamId: string;
  method: string;
  /** Offsets as typed ("H+01:00"); empty or unreadable means no bound. */
  from: string;
  to: string;
}

export const NO_FILTER: MselFilter = { teamId: '', method: '', from: '', to: '' };

/** The events the grid and the timeline show; order is kept, so a drop lands where it looks. */
export function filterEvents(events: MselEvent[], filter: MselFilter): MselEvent[] {
  const from = filter.from ? parseOffset(filter.from) : null;
  const to = filter.to ? parseOffset(filter.to) : null;
  if (!filter.teamId && !filter.method && from === null && to === null) return events;
  return events.filter(
    (e) =>
      (!filter.teamId || e.toTeamIds.includes(filter.teamId)) &&
      (!filter.method || e.method === filter.method) &&
      (from === null || e.offsetMinutes >= from) &&
      (to === null || e.offsetMinutes <= to),
  );
}

/**
 * The whole list's new order after moving `movedId` onto `targetId`: before it when moving up,
 * after it when moving down, as the row under the pointer appears to be pushed aside.
 */
export function moveEvent(ids: string[], movedId: string, targetId: string): string[] {
  const from = ids.indexOf(movedId);
  const to = ids.indexOf(targetId);
  if (from === -1 || to === -1 || from === to) return ids;
  const rest = ids.filter((i) => i !== movedId);
  const at = rest.indexOf(targetId) + (from < to ? 1 : 0);
  return [...rest.slice(0, at), movedId, ...rest.slice(at)];
}
