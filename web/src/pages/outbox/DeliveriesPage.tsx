import { Alert, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  useDeadLetters,
  useOutbox,
  useRetryAllDead,
  useRetryDelivery,
  useSubscriberStats,
} from '../../api/outbox';
import { LiveIndicator } from '../../components/LiveIndicator';
import { PageTitle } from '../../components/PageTitle';
import { formatInstant } from '../../components/DateTime';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { FanOutsPanel } from './FanOutsPanel';
import { channelName, setUpHelp } from './channelName';

const STATES = ['pending', 'sending', 'sent', 'dead'] as const;

/** The outbox: live counts per channel, whether each channel can send, and the dead letters to act on. */
export function DeliveriesPage() {
  const { t, i18n } = useTranslation();
  const outbox = useOutbox();
  const dead = useDeadLetters();
  const stats = useSubscriberStats();
  const retry = useRetryDelivery();
  const retryAll = useRetryAllDead();
  const when = (iso: string) => formatInstant(i18n.language, iso, { seconds: false });

  return (
    <Stack>
      <PageTitle title={t('outbox.title')}>
        <LiveIndicator />
      </PageTitle>
      <QueryState query={outbox}>
        {(data) => (
          <Stack>
            {data.channels
              // A channel nobody has sent on yet is not worth an alarm; its row says "not set up".
              .filter((c) => !c.configured && c.counts.pending + c.counts.sending > 0)
              .map((c) => (
                <Alert
                  key={c.name}
                  color="orange"
                  title={t('outbox.notConfigured', { channel: channelName(t, c.name) })}
                >
                  {setUpHelp(t, c.name)}
                </Alert>
              ))}
            {data.channels
              .filter((c) => c.configured && c.up === false)
              .map((c) => (
                <Alert key={c.name} color="red" title={t('outbox.down', { channel: channelName(t, c.name) })}>
                  {c.problem}
                </Alert>
              ))}
            <Table striped withTableBorder>
              <Table.Caption>{t('outbox.countsCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('outbox.channel')}</Table.Th>
                  {STATES.map((s) => (
                    <Table.Th key={s}>{t(`outbox.state.${s}`)}</Table.Th>
                  ))}
                  <Table.Th>{t('outbox.condition')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.channels.map((c) => (
                  <Table.Tr key={c.name}>
                    <Table.Td>{channelName(t, c.name)}</Table.Td>
                    {STATES.map((s) => (
                      <Table.Td key={s} data-testid={`count-${c.name}-${s}`}>
                        {c.counts[s]}
                      </Table.Td>
                    ))}
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {t(!c.configured ? 'outbox.notSetUp' : c.up ? 'outbox.up' : 'outbox.failing')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </QueryState>
      <QueryState query={stats}>
        {(s) => (
          <Text>
            {t('outbox.subscribers', { active: s.active, pending: s.pending, unsubscribed: s.unsubscribed })}
          </Text>
        )}
      </QueryState>
      <FanOutsPanel />
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('outbox.deadTitle')}
        </Title>
        <Button
          variant="default"
          disabled={!dead.data?.items.length}
          loading={retryAll.isPending}
          onClick={() => retryAll.mutate()}
        >
          {t('fanouts.retryAll')}
        </Button>
      </Group>
      {retryAll.data && <Text role="status">{t('fanouts.retried', { count: retryAll.data.retried })}</Text>}
      {retry.error && <ProblemAlert error={retry.error} />}
      {retryAll.error && <ProblemAlert error={retryAll.error} />}
      <QueryState query={dead}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('outbox.noDead')}</Text>
          ) : (
            <Table striped withTableBorder>
              <Table.Caption>{t('outbox.deadCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('outbox.notice')}</Table.Th>
                  <Table.Th>{t('outbox.address')}</Table.Th>
                  <Table.Th>{t('outbox.attempts')}</Table.Th>
                  <Table.Th>{t('outbox.lastError')}</Table.Th>
                  <Table.Th>{t('outbox.failedAt')}</Table.Th>
                  <Table.Th>{t('outbox.action')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      {d.label} · {t('outbox.revision', { n: d.sequence })}
                    </Table.Td>
                    <Table.Td>{d.address ?? t('outbox.erased')}</Table.Td>
                    <Table.Td>{d.attempts}</Table.Td>
                    <Table.Td>{d.lastError}</Table.Td>
                    <Table.Td>{when(d.failedAt)}</Table.Td>
                    <Table.Td>
                      <Group>
                        <Button
                          size="xs"
                          variant="default"
                          disabled={!d.address}
                          loading={retry.isPending && retry.variables === d.id}
                          onClick={() => retry.mutate(d.id)}
                          aria-label={t('outbox.retryFor', { address: d.address ?? '' })}
                        >
                          {t('outbox.retry')}
                        </Button>
                      </Group>
                    </Table.Td>
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
