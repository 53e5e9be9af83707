import { Badge, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFanOuts, useRetryFanOut, type FanOut } from '../../api/outbox';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { formatInstant } from '../../components/DateTime';
import { formatNumber } from '../../i18n/numbers';
import { channelName } from './channelName';

const MODE_COLOUR: Record<FanOut['mode'], string> = {
  actual: 'red',
  exercise: 'blue',
  test: 'grape',
  rehearsal: 'gray',
};

/** Recent fan-outs with their progress, so a large publication is seen moving, channel by channel. */
export function FanOutsPanel() {
  const { t, i18n } = useTranslation();
  const fanouts = useFanOuts();
  const retry = useRetryFanOut();
  const when = (iso: string) => formatInstant(i18n.language, iso, { seconds: false });
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('fanouts.title')}
      </Title>
      {retry.error && <ProblemAlert error={retry.error} />}
      <QueryState query={fanouts}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('fanouts.none')}</Text>
          ) : (
            <Table striped withTableBorder>
              <Table.Caption>{t('fanouts.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fanouts.source')}</Table.Th>
                  <Table.Th>{t('fanouts.mode')}</Table.Th>
                  <Table.Th>{t('fanouts.status')}</Table.Th>
                  <Table.Th>{t('fanouts.matched')}</Table.Th>
                  <Table.Th>{t('fanouts.written')}</Table.Th>
                  <Table.Th>{t('fanouts.channels')}</Table.Th>
                  <Table.Th>{t('fanouts.createdAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((f) => (
                  <Table.Tr key={f.id} data-testid={`fanout-${f.sourceId}-${f.sequence}`}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {t(`fanouts.sourceKind.${f.sourceKind}`, { defaultValue: f.sourceKind })}
                      </Text>
                      <Text size="sm">
                        {f.label} · {t('outbox.revision', { n: f.sequence })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={MODE_COLOUR[f.mode]} variant="light">
                        {t(`fanouts.modes.${f.mode}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <FanOutStatus fanout={f} when={when} />
                      {f.status === 'failed' && (
                        <Button
                          size="xs"
                          mt="xs"
                          variant="default"
                          loading={retry.isPending && retry.variables === f.id}
                          onClick={() => retry.mutate(f.id)}
                          aria-label={t('fanouts.retryFor', { label: f.label })}
                        >
                          {t('fanouts.retry')}
                        </Button>
                      )}
                    </Table.Td>
                    <Table.Td>{formatNumber(i18n.language, f.matched)}</Table.Td>
                    <Table.Td>{formatNumber(i18n.language, f.written)}</Table.Td>
                    <Table.Td>
                      {Object.entries(f.channels).map(([channel, c]) => (
                        <Text size="sm" key={channel}>
                          {t('fanouts.perChannel', {
                            channel: channelName(t, channel),
                            sent: c.sent,
                            waiting: c.pending + c.sending,
                            dead: c.dead,
                          })}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td>{when(f.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
    </Stack>
  );
}

/** Where a fan-out stands; a failed expansion says why, and when it is tried again or that it gave up. */
function FanOutStatus({ fanout: f, when }: { fanout: FanOut; when: (iso: string) => string }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" c={f.status === 'failed' ? 'red' : undefined}>
        {t(`fanouts.statuses.${f.status}`)}
      </Text>
      {f.nextAttemptAt && (
        <Text size="sm" c="orange">
          {t('fanouts.retrying', { attempts: f.attempts, at: when(f.nextAttemptAt) })}
        </Text>
      )}
      {f.status === 'failed' && <Text size="sm">{t('fanouts.gaveUp')}</Text>}
      {f.lastError && (f.nextAttemptAt || f.status === 'failed') && (
        <Text size="xs" c="dimmed">
          {f.lastError}
        </Text>
      )}
    </>
  );
}
