import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExerciseClock } from '../../../api/conduct';

/** The exercise's pause policy in words. */
export function PolicyText({ policy }: { policy: ExerciseClock['pausePolicy'] }) {
  const { t } = useTranslation();
  return (
    <Text size="sm">
      <b>{t('conduct.policy.title')}:</b>{' '}
      {policy.kind === 'release'
        ? t('conduct.policy.release', { seconds: policy.intervalSeconds })
        : t(`conduct.policy.${policy.kind}`)}
    </Text>
  );
}
