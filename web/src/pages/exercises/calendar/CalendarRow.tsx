import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CalendarRow } from './calendarLayout';
import classes from './ProgrammeCalendar.module.css';
import { zoneName } from '../../../i18n/zones';

/** One city: its exercises as bars that link to them, on as many lanes as overlaps need. */
export function CalendarRowView({
  row,
  ticks,
  todayLeft,
  cityLabel,
}: {
  row: CalendarRow;
  ticks: { at: number; left: number }[];
  todayLeft: number | null;
  cityLabel: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <div className={classes.city}>{cityLabel}</div>
      <div className={classes.track} style={{ '--lanes': row.lanes } as CSSProperties}>
        {ticks.map((tick) => (
          <span key={tick.at} className={classes.gridline} style={{ left: `${tick.left}%` }} />
        ))}
        {todayLeft !== null && <span className={classes.today} style={{ left: `${todayLeft}%` }} />}
        {row.bars.map((bar) => (
          <Link
            key={bar.exercise.id}
            to={`/exercises/${bar.exercise.id}`}
            className={classes.bar}
            data-status={bar.exercise.status}
            data-narrow={bar.narrow}
            style={{ left: `${bar.left}%`, width: `${bar.width}%`, top: `${bar.lane * 2.25}rem` }}
            aria-label={t('planning.calendar.bar', {
              name: bar.exercise.name,
              city: cityLabel,
              start: bar.exercise.startexLocal,
              end: bar.exercise.endexLocal,
              zone: zoneName(bar.exercise.timeZone, i18n.language),
            })}
            title={t('planning.calendar.bar', {
              name: bar.exercise.name,
              city: cityLabel,
              start: bar.exercise.startexLocal,
              end: bar.exercise.endexLocal,
              zone: zoneName(bar.exercise.timeZone, i18n.language),
            })}
          >
            {bar.narrow ? <span className={classes.outside}>{bar.exercise.name}</span> : bar.exercise.name}
          </Link>
        ))}
      </div>
    </>
  );
}
