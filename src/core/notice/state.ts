import type { PublicNotice, PublicState } from './notice.js';

/**
 * Where a notice stands for the public at `now`: a cancellation wins over any time; otherwise its
 * window (the notice's own, which covers every area and closure) says upcoming, now or ended.
 */
export function publicState(notice: Pick<PublicNotice, 'kind' | 'snapshot'>, now: Date): PublicState {
  if (notice.kind === 'Cancel') return 'cancelled';
  const t = now.getTime();
  if (t < Date.parse(notice.snapshot.startsAt)) return 'upcoming';
  if (t < Date.parse(notice.snapshot.endsAt)) return 'now';
  return 'ended';
}
