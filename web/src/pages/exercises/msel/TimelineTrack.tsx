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
}

/** One team's injects as marks along the exercise's hours; a sentence tells screen readers the gist. */
export function TimelineTrack({ name, events, x, length }: TrackProps) {
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
        {events.map((e) => (
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
