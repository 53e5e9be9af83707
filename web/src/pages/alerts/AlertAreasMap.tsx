import { Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertDeliveries } from '../../api/alerts';
import { TableScroll } from '../../components/TableScroll';
import type { MapZone } from '../../map';
import { LazyExerciseMap } from '../exercises/venues/LazyExerciseMap';
import { deliveryAreas } from './deliveryAreas';

/** Past this a name is cut on the map (the table below keeps it whole), so labels stay apart. */
const LABEL_CHARS = 48;
const short = (s: string) => (s.length > LABEL_CHARS ? `${s.slice(0, LABEL_CHARS - 1)}…` : s);

/**
 * The alert's areas on the map, each outlined and labelled with how many of its deliveries have
 * gone; the same figures as a table for those who cannot see the map. Refreshed with the report.
 */
export function AlertAreasMap({ messages }: { messages: AlertDeliveries['messages'] }) {
  const { t, i18n } = useTranslation();
  const areas = useMemo(() => deliveryAreas(messages, i18n.language), [messages, i18n.language]);
  const named = areas.map((a) => ({
    ...a,
    title: a.name || t('alerts.deliveries.areas.unnamed', { sequence: a.sequences[0] }),
  }));
  const zones: MapZone[] = named.map((a) => ({
    id: a.id,
    name: a.title,
    kind: 'cordon',
    geometry: a.geometry,
    label: `${short(a.title)}\n${t('alerts.deliveries.areas.label', { sent: a.sent, total: a.total })}`,
  }));
  if (areas.length === 0) return null;
  const title = t('alerts.deliveries.areas.title');
  return (
    <Stack gap={4}>
      <LazyExerciseMap zones={zones} height={280} label={title} legend={false} />
      <TableScroll label={t('alerts.deliveries.areas.table')} minWidth={480}>
        <Table withTableBorder fz="xs" verticalSpacing={2}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('alerts.deliveries.areas.area')}</Table.Th>
              <Table.Th>{t('alerts.deliveries.areas.messages')}</Table.Th>
              <Table.Th>{t('alerts.deliveries.sent')}</Table.Th>
              <Table.Th>{t('alerts.deliveries.delivered')}</Table.Th>
              <Table.Th>{t('alerts.deliveries.areas.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {named.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.title}</Table.Td>
                <Table.Td>{a.sequences.join(', ')}</Table.Td>
                <Table.Td>{a.sent}</Table.Td>
                <Table.Td>{a.delivered}</Table.Td>
                <Table.Td>{a.total}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <Text size="xs" c="dimmed">
        {t('alerts.deliveries.areas.note')}
      </Text>
    </Stack>
  );
}
