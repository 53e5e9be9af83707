import { useTranslation } from 'react-i18next';
import { formatFor } from '../i18n/dates';
import classes from './DateTime.module.css';

export { formatInstant, intlLocale } from '../i18n/dates';

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
