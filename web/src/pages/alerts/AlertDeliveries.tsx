import { Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAlertDeliveries, type Alert } from '../../api/alerts';
import { BarChart } from '../../components/BarChart';
import { QueryState } from '../../components/QueryState';
import { TableScroll } from '../../components/TableScroll';
import { formatNumber } from '../../i18n/numbers';
import { channelName } from '../outbox/channelName';
import { AlertAreasMap } from './AlertAreasMap';

/**
 * The live delivery dashboard of one alert: per message and channel, what is queued, sent,
 * delivered and failed, how long after approval the first and the last went, the latency
 * spread, and a map of the areas with what each has been sent. The event stream refreshes it as the dispatcher moves deliveries.
 */
export function AlertDeliveries({ alert }: { alert: Alert }) {
  const { t, i18n } = useTranslation();
  const count = (n: number) => formatNumber(i18n.language, n);
  const seconds = (ms: number | null) =>
    ms === null ? '—' : formatNumber(i18n.language, ms / 1000, { digits: 1 });
  const query = useAlertDeliveries(alert.id);
  return (
    <QueryState query={query}>
      {(report) => (
        <Stack gap="sm" role="region" aria-label={t('alerts.deliveries.title')}>
          {report.messages.length === 0 && <Text size="sm">{t('alerts.deliveries.none')}</Text>}
          <AlertAreasMap messages={report.messages} />
          {report.messages.map((m) => {
            const edges = report.latencyEdgesS;
            const latency = m.channels.reduce(
              (sum, c) => sum.map((n, i) => n + (c.latency[i] ?? 0)),
              Array<number>(edges.length + 1).fill(0),
            );
            return (
              <Stack key={m.sequence} gap={4}>
                <Title order={3} size="h6">
                  {t('alerts.deliveries.message', { sequence: m.sequence, total: m.total })}
                </Title>
                <TableScroll label={t('alerts.deliveries.title')} minWidth={640}>
                  <Table withTableBorder fz="xs" verticalSpacing={2}>
                    <Table.Thead>
                      <Table.Tr>
                        {['channel', 'queued', 'sent', 'delivered', 'failed', 'first', 'last'].map((k) => (
                          <Table.Th key={k}>{t(`alerts.deliveries.${k}`)}</Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {m.channels.map((c) => (
                        <Table.Tr key={c.channel}>
                          <Table.Td>{channelName(t, c.channel)}</Table.Td>
                          <Table.Td>{count(c.queued + c.sending)}</Table.Td>
                          <Table.Td>{count(c.sent)}</Table.Td>
                          <Table.Td>{count(c.delivered)}</Table.Td>
                          <Table.Td c={c.failed > 0 ? 'red.9' : undefined}>{count(c.failed)}</Table.Td>
                          <Table.Td>{seconds(c.firstAfterMs)}</Table.Td>
                          <Table.Td>{seconds(c.lastAfterMs)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </TableScroll>
                <Group>
                  <BarChart
                    title={t('alerts.deliveries.latency')}
                    width={420}
                    height={160}
                    data={latency.map((value, i) => ({
                      label: i < edges.length ? `≤${edges[i]}` : `>${edges[edges.length - 1]}`,
                      value,
                    }))}
                  />
                </Group>
              </Stack>
            );
          })}
        </Stack>
      )}
    </QueryState>
  );
}
