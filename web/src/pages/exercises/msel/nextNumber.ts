import type { MselEvent } from '../../../api/planningTypes';

/** One more than the highest plain number in use; planners may still type "12a" or "C-3". */
export function nextNumber(events: MselEvent[]): string {
  let max = 0;
  for (const e of events) {
    const n = Number(e.number);
    if (Number.isInteger(n) && n > max) max = n;
  }
  return String(max + 1);
}
