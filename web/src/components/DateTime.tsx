import { useTranslation } from 'react-i18next';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(lng: string): Intl.DateTimeFormat {
  let format = formats.get(lng);
  if (!format) {
    format = new Intl.DateTimeFormat(lng, { dateStyle: 'short', timeStyle: 'medium' });
    formats.set(lng, format);
  }
  return format;
}

/** An instant in the reader's language and zone, with the exact UTC value kept machine-readable. */
export function DateTime({ value }: { value: string | null }) {
  const { t, i18n } = useTranslation();
  if (!value) return <>{t('common.never')}</>;
  return <time dateTime={value}>{formatFor(i18n.language).format(new Date(value))}</time>;
}
