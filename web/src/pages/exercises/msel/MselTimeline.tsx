import { useTranslation } from 'react-i18next';
import type { ExercisePlan, MselEvent } from '../../../api/planningTypes';
import { formatOffset } from '../time';
import classes from './MselTimeline.module.css';
import { hourTicks, timelineRows } from './timelineLayout';
import { TimelineTrack } from './TimelineTrack';

/**
 * The same injects per team over time (rows = teams, x = offset from STARTEX), to see at a glance
 * who is idle and who is flooded. Marks are coloured by approval; the shaded band is STARTEX–ENDEX.
 */
export function MselTimeline({ events, plan }: { events: MselEvent[]; plan: ExercisePlan }) {
  const { t } = useTranslation();
  const length = Math.round((Date.parse(plan.exercise.endex) - Date.parse(plan.exercise.startex)) / 60_000);
  const offsets = events.map((e) => e.offsetMinutes);
  const from = Math.min(0, ...offsets);
  const to = Math.max(length, ...offsets, from + 60);
  const x = (m: number) => `${((m - from) / (to - from)) * 100}%`;
  const rows = timelineRows(events, plan.teams, t('planning.msel.otherAddressees'));

  return (
    <figure
      className={classes.scroller}
      tabIndex={0}
      aria-label={t('planning.msel.timelineLabel')}
      data-testid="msel-timeline"
    >
      <div className={classes.grid}>
        <div className={classes.label}>{t('planning.msel.columns.to')}</div>
        <div className={classes.axis} aria-hidden="true">
          {hourTicks(from, to).map((m) => (
            <span key={m} className={classes.tick} style={{ left: x(m) }}>
              {formatOffset(m)}
            </span>
          ))}
        </div>
        {rows.map((row) => (
          <TimelineTrack
            key={row.id}
            name={row.name}
            events={row.events}
            x={x}
            length={length}
            range={[from, to]}
          />
        ))}
      </div>
    </figure>
  );
}
