import { VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MselEvent } from '../../../api/planningTypes';
import { formatOffset } from '../time';
import classes from './MselTimeline.module.css';

interface TrackProps {
  name: string;
  events: MselEvent[];
  x: (minutes: number) => string;
  length: number;
  /** The axis, in minutes from STARTEX. */
  range: [number, number];
}

/** Beyond this many injects on one row, single marks merge into a bar; counts per slot say more. */
const DENSE = 150;
const SLOTS = 96;

/** One team's injects as marks along the exercise's hours; a sentence tells screen readers the gist. */
export function TimelineTrack({ name, events, x, length, range }: TrackProps) {
  const { t } = useTranslation();
  const first = events[0];
  const last = events[events.length - 1];
  return (
    <>
      <div className={classes.label}>
        {name}
        <VisuallyHidden>
          {first && last
            ? t('planning.msel.timelineSummary', {
                count: events.length,
                from: formatOffset(Math.min(...events.map((e) => e.offsetMinutes))),
                to: formatOffset(Math.max(...events.map((e) => e.offsetMinutes))),
              })
            : t('planning.msel.timelineNone')}
        </VisuallyHidden>
      </div>
      <div className={classes.track} aria-hidden="true">
        <span className={classes.window} style={{ left: x(0), width: `calc(${x(length)} - ${x(0)})` }} />
        {events.length > DENSE
          ? densitySlots(events, range).map((slot) => (
              <span
                key={slot.from}
                className={classes.slot}
                style={{
                  left: x(slot.from),
                  width: `calc(${x(slot.to)} - ${x(slot.from)})`,
                  height: `${Math.max(slot.share * 100, 8)}%`,
                }}
                title={t('planning.msel.timelineSummary', {
                  count: slot.count,
                  from: formatOffset(slot.from),
                  to: formatOffset(slot.to),
                })}
              />
            ))
          : events.map((e) => (
              <span
                key={e.id}
                className={classes.mark}
                data-approval={e.approval}
                style={{ left: x(e.offsetMinutes) }}
                title={`${e.number} ${e.offset} — ${e.title}`}
              />
            ))}
      </div>
    </>
  );
}

/** Injects counted per slot of the axis, each slot's share of the busiest one. */
function densitySlots(events: MselEvent[], [from, to]: [number, number]) {
  const size = Math.max((to - from) / SLOTS, 1);
  const counts = new Map<number, number>();
  for (const e of events) {
    const i = Math.min(Math.floor((e.offsetMinutes - from) / size), SLOTS - 1);
    counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const most = Math.max(...counts.values());
  return [...counts].map(([i, count]) => ({
    from: Math.round(from + i * size),
    to: Math.round(from + (i + 1) * size),
    count,
    share: count / most,
  }));
}
