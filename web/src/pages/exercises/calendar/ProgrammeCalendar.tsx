import { Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Exercise } from '../../../api/planningTypes';
import { CalendarRowView } from './CalendarRow';
import { layoutCalendar, REM_PER_DAY } from './calendarLayout';
import classes from './ProgrammeCalendar.module.css';
import { zoneName } from '../../../i18n/zones';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const DAY_MS = 86_400_000;

/**
 * The programme on a timeline: one row per city, days across. Hand-made with CSS grid rather than a
 * chart library, so it costs nothing in the bundle and every bar is a real link a keyboard reaches.
 */
export function ProgrammeCalendar({ exercises }: { exercises: Exercise[] }) {
  const { t, i18n } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const layout = layoutCalendar(exercises);
  const todayAt = Date.now();
  const todayLeft =
    layout && todayAt >= layout.start && todayAt <= layout.end
      ? ((todayAt - layout.start) / (layout.end - layout.start)) * 100
      : null;

  // Open on today (a little before it), since what is coming up is what planners look for.
  const todayKey = todayLeft === null ? null : Math.round(todayLeft);
  useEffect(() => {
    const el = scroller.current;
    if (!el || todayKey === null) return;
    // The city column stays in place; today lands a little right of it.
    const cities = el.querySelector<HTMLElement>('[data-corner]')?.offsetWidth ?? 0;
    el.scrollLeft = Math.max(0, (todayKey / 100) * (el.scrollWidth - cities) - 48);
  }, [todayKey]);

  if (!layout) return <Text c="dimmed">{t('planning.calendar.empty')}</Text>;

  const days = Math.round((layout.end - layout.start) / DAY_MS);
  // Numbers and our own weekday names: browsers without Kazakh date data would print "M12" and "Wed".
  const dayFormat = new Intl.DateTimeFormat('en-GB', {
    timeZone: layout.zone,
    day: '2-digit',
    month: '2-digit',
  });
  const weekdayIndex = new Intl.DateTimeFormat('en-US', { timeZone: layout.zone, weekday: 'short' });
  const weekday = (at: number) => t(`planning.calendar.weekday.${WEEKDAYS.indexOf(weekdayIndex.format(at))}`);

  return (
    <div
      ref={scroller}
      className={classes.scroller}
      role="region"
      aria-label={t('planning.calendar.label', { zone: zoneName(layout.zone, i18n.language) })}
      tabIndex={0}
    >
      <div
        className={classes.grid}
        style={{ minWidth: `calc(9rem + ${Math.max(days * REM_PER_DAY, 40)}rem)` }}
      >
        <div className={classes.corner} data-corner>
          {t('planning.calendar.city')}
        </div>
        <div className={classes.axis} aria-hidden="true">
          {layout.ticks.map((tick) => (
            <span key={tick.at} className={classes.tick} style={{ left: `${tick.left}%` }}>
              {dayFormat.format(tick.at).replace('/', '.')}
              <br />
              {weekday(tick.at)}
            </span>
          ))}
        </div>
        {layout.rows.map((row) => (
          <CalendarRowView
            key={row.city ?? ''}
            row={row}
            ticks={layout.ticks}
            todayLeft={todayLeft}
            cityLabel={row.city ?? t('planning.calendar.noCity')}
          />
        ))}
      </div>
    </div>
  );
}
