import { useTranslation } from 'react-i18next';
import classes from './DateTime.module.css';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(lng: string): Intl.DateTimeFormat {
  let format = formats.get(lng);
  if (!format) {
    // Operations logs are read across agencies and shifts: full year, 24-hour clock, seconds.
    format = new Intl.DateTimeFormat(lng, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(lng, format);
  }
  return format;
}

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
