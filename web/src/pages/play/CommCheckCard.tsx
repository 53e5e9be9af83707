import { Badge, Button, Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useConfirmCommCheck, type PlayerView } from '../../api/play';
import { ProblemAlert } from '../../components/ProblemAlert';
import { STATUS } from '../../theme';
import { useTimeOf } from './InjectCard';

/**
 * The latest communication check in the player's inbox, with one button to say it arrived: the
 * controllers see the confirmation at once, beside the deliveries on the player's other channels.
 */
export function CommCheckCard({
  exerciseId,
  check,
  timeZone,
}: {
  exerciseId: string;
  check: NonNullable<PlayerView['commCheck']>;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const confirm = useConfirmCommCheck(exerciseId);
  const time = useTimeOf(timeZone);
  return (
    <Card withBorder radius="md" padding="md" aria-label={t('play.commCheck.label')}>
      <Stack gap="sm">
        <Text fw={700}>{check.title}</Text>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{check.body}</Text>
        <Text size="sm" c="dimmed">
          {t('play.received', { time: time(check.deliveredAt) })}
        </Text>
        <ProblemAlert error={confirm.error} />
        {check.confirmedAt ? (
          <Badge color={STATUS.ok} size="lg">
            {t('play.commCheck.confirmedAt', { time: time(check.confirmedAt) })}
          </Badge>
        ) : (
          <Button size="md" onClick={() => confirm.mutate(undefined)} loading={confirm.isPending}>
            {t('play.commCheck.confirm')}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
