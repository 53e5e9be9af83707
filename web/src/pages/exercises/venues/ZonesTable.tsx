import { Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExercisePlan } from '../../../api/planningTypes';
import { TableScroll } from '../../../components/TableScroll';
import { RemoveButton } from '../RemoveButton';
import { formatLocal } from '../time';
import { zoneName } from '../../../i18n/zones';

/** Zones and road closures; a closure's window is shown in the exercise's zone, named. */
export function ZonesTable({
  plan,
  canPlan,
  onEdit,
}: {
  plan: ExercisePlan;
  canPlan: boolean;
  onEdit: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const zone = plan.exercise.timeZone;
  const venueName = new Map(plan.venues.map((v) => [v.id, v.name]));
  if (plan.zones.length === 0) return <Text c="dimmed">{t('planning.zones.empty')}</Text>;
  const when = (iso: string | null) => (iso ? formatLocal(new Date(iso), zone) : '—');
  return (
    <TableScroll label={t('planning.zones.title')} minWidth={800}>
      <Table striped withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('planning.zones.name')}</Table.Th>
            <Table.Th scope="col">{t('planning.zones.kind')}</Table.Th>
            <Table.Th scope="col">{t('planning.zones.venue')}</Table.Th>
            <Table.Th scope="col">{t('planning.zones.road')}</Table.Th>
            <Table.Th scope="col">
              {t('planning.zones.window', { zone: zoneName(zone, i18n.language) })}
            </Table.Th>
            {canPlan && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.zones.map((z) => (
            <Table.Tr key={z.id}>
              <Table.Th scope="row">{z.name}</Table.Th>
              <Table.Td>{t(`planning.zoneKinds.${z.kind}`)}</Table.Td>
              <Table.Td>{z.venueId ? (venueName.get(z.venueId) ?? '') : ''}</Table.Td>
              <Table.Td>{z.road ?? ''}</Table.Td>
              <Table.Td>
                {when(z.startsAt)} – {when(z.endsAt)}
              </Table.Td>
              {canPlan && (
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="default"
                      aria-label={t('planning.edit.named', { name: z.name })}
                      onClick={() => onEdit(z.id)}
                    >
                      {t('planning.edit.label')}
                    </Button>
                    <RemoveButton exerciseId={plan.exercise.id} list="zones" itemId={z.id} name={z.name} />
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
