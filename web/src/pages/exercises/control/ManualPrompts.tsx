import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useClock, useManualPrompts, usePromptDelivered } from '../../../api/conduct';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { QueryState } from '../../../components/QueryState';
import { STATUS } from '../../../theme';
import { clockIn } from './InjectProgress';

/**
 * The manual channel's prompts: for each person reached by radio, phone or in person, what to say
 * and how, with a "Delivered" button for the controller who made the call. Calls still to make come
 * first; new ones arrive over the live stream.
 */
export function ManualPrompts({ exerciseId, canAct }: { exerciseId: string; canAct: boolean }) {
  const { t } = useTranslation();
  const prompts = useManualPrompts(exerciseId);
  const delivered = usePromptDelivered(exerciseId);
  const time = clockIn(useClock(exerciseId).data?.timeZone ?? 'UTC');
  return (
    <Stack gap="xs" component="section" aria-labelledby="prompts-title">
      <Title order={3} id="prompts-title">
        {t('conduct.prompts.title')}
      </Title>
      <ProblemAlert error={delivered.error} />
      <QueryState query={prompts}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('conduct.prompts.none')}</Text>
          ) : (
            <Stack gap="xs">
              {data.items.map((p) => (
                <Card key={p.deliveryId} withBorder padding="sm" data-testid="manual-prompt">
                  <Stack gap={4}>
                    <Group justify="space-between" align="flex-start">
                      <Stack gap={0}>
                        <Text fw={700}>
                          {t('conduct.prompts.to')}: {p.name ?? '—'}
                        </Text>
                        <Text size="sm">
                          {t('conduct.prompts.how')}: {p.address}
                        </Text>
                      </Stack>
                      <Badge variant="outline" color={STATUS.neutral}>
                        {t(`conduct.prompts.kind.${p.sourceKind}`, { defaultValue: p.sourceKind })} ·{' '}
                        {time(p.createdAt)}
                      </Badge>
                    </Group>
                    <Text size="sm" fw={600}>
                      {t('conduct.prompts.say')}:
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {p.script}
                    </Text>
                    {p.deliveredAt ? (
                      <Badge color={STATUS.ok}>
                        {t('conduct.prompts.deliveredAt', {
                          time: time(p.deliveredAt),
                          by: p.deliveredBy ?? '—',
                        })}
                      </Badge>
                    ) : (
                      canAct && (
                        <Group>
                          <Button
                            size="compact-md"
                            loading={delivered.isPending && delivered.variables === p.deliveryId}
                            onClick={() => delivered.mutate(p.deliveryId)}
                            aria-label={t('conduct.prompts.deliveredFor', { name: p.name ?? p.address })}
                          >
                            {t('conduct.prompts.delivered')}
                          </Button>
                        </Group>
                      )
                    )}
                  </Stack>
                </Card>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}
