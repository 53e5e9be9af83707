import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../components/DateTime';

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** How long a comment has been waiting, "5 minutes ago", with the exact instant kept machine-readable. */
export function Age({ value }: { value: string }) {
  const { i18n } = useTranslation();
  const seconds = Math.round((Date.parse(value) - Date.now()) / 1000);
  const format = new Intl.RelativeTimeFormat(i18n.language, { numeric: 'auto' });
  const [unit, size] = STEPS.find(([, s]) => Math.abs(seconds) >= s) ?? ['minute', 60];
  return (
    <time dateTime={value} title={formatInstant(i18n.language, value)}>
      {format.format(Math.round(seconds / size), unit)}
    </time>
  );
}
