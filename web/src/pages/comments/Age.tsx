import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../components/DateTime';

const STEPS: ['day' | 'hour' | 'minute', number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/**
 * How long a comment has been waiting, "5 minutes ago", with the exact instant kept
 * machine-readable. Worded by the console, not the browser: Chromium's Kazakh data has no short
 * units and wrote "27 min бұрын".
 */
export function Age({ value }: { value: string }) {
  const { t, i18n } = useTranslation();
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(value)) / 1000));
  const step = STEPS.find(([, s]) => seconds >= s);
  return (
    <time dateTime={value} title={formatInstant(i18n.language, value)}>
      {step ? t(`comments.age.${step[0]}`, { count: Math.floor(seconds / step[1]) }) : t('comments.age.now')}
    </time>
  );
}
