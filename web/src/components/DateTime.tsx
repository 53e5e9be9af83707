import { useTranslation } from 'react-i18next';
import classes from './DateTime.module.css';

const formats = new Map<string, Intl.DateTimeFormat>();

interface InstantOptions {
  /** Seconds too, as operations logs want them; minutes are enough elsewhere. */
  seconds?: boolean;
  /** The exercise's zone; the reader's own when not given. */
  timeZone?: string;
}

function formatFor(lng: string, { seconds = true, timeZone }: InstantOptions = {}): Intl.DateTimeFormat {
  const key = `${lng}|${seconds}|${timeZone ?? ''}`;
  let format = formats.get(key);
  if (!format) {
    // Operations logs are read across agencies and shifts: full year, 24-hour clock. Numbers, not
    // month names: some browsers' Kazakh data has none and shows "М12" for December.
    format = new Intl.DateTimeFormat(lng, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
      ...(timeZone ? { timeZone } : {}),
    });
    formats.set(key, format);
  }
  return format;
}

/** An instant as text in the reader's language ("06.12.2026, 17:39"), for sentences and table cells. */
export const formatInstant = (lng: string, iso: string, options?: InstantOptions): string =>
  formatFor(lng, options).format(new Date(iso));

/** An instant in the reader's language and zone, with the exact UTC value kept machine-readable. */
export function DateTime({ value }: { value: string | null }) {
  const { t, i18n } = useTranslation();
  if (!value) return <>{t('common.never')}</>;
  return (
    <time dateTime={value} className={classes.time}>
      {formatFor(i18n.language).format(new Date(value))}
    </time>
  );
}
