import { Alert, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Exercise } from '../../api/planningTypes';
import { formatInstant } from '../../components/DateTime';
import { STATUS } from '../../theme';

/**
 * NO PLAY heads every screen of the exercise while it is on, for everyone who can open it: play is
 * halted for a real emergency, and the reason says why. It comes and goes live (no_play.changed).
 */
export function NoPlayBanner({ exercise }: { exercise: Pick<Exercise, 'noPlay' | 'status' | 'timeZone'> }) {
  const { t, i18n } = useTranslation();
  const { noPlay } = exercise;
  if (!noPlay) return null;
  const at = formatInstant(i18n.language, noPlay.since, { seconds: false, timeZone: exercise.timeZone });
  return (
    <Alert
      color={STATUS.danger}
      variant="filled"
      radius="md"
      data-testid="no-play-banner"
      title={
        <Text component="span" fz={22} fw={800} lts="0.04em">
          {t('conduct.noPlay.title')}
        </Text>
      }
    >
      <Stack gap={4}>
        <Text fw={700} fz="lg">
          {t('conduct.noPlay.reason', { reason: noPlay.reason })}
        </Text>
        <Text>{exercise.status === 'ended' ? t('conduct.noPlay.ended') : t('conduct.noPlay.banner')}</Text>
        <Text size="sm">{t('conduct.noPlay.since', { at, by: noPlay.by ?? '—' })}</Text>
      </Stack>
    </Alert>
  );
}
