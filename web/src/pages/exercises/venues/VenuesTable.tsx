import { Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExercisePlan } from '../../../api/planningTypes';
import { TableScroll } from '../../../components/TableScroll';
import { RemoveButton } from '../RemoveButton';

const coord = (n: number) => n.toFixed(5);

export function VenuesTable({
  plan,
  canPlan,
  onEdit,
}: {
  plan: ExercisePlan;
  canPlan: boolean;
  onEdit: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (plan.venues.length === 0) return <Text c="dimmed">{t('planning.venues.empty')}</Text>;
  return (
    <TableScroll label={t('planning.venues.title')} minWidth={720}>
      <Table striped withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('planning.venues.name')}</Table.Th>
            <Table.Th scope="col">{t('planning.venues.kind')}</Table.Th>
            <Table.Th scope="col">{t('planning.venues.address')}</Table.Th>
            <Table.Th scope="col">{t('planning.venues.lat')}</Table.Th>
            <Table.Th scope="col">{t('planning.venues.lon')}</Table.Th>
            <Table.Th scope="col">{t('planning.venues.footprint')}</Table.Th>
            {canPlan && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.venues.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Th scope="row">{v.name}</Table.Th>
              <Table.Td>{t(`planning.venueKinds.${v.kind}`)}</Table.Td>
              <Table.Td>{v.address ?? ''}</Table.Td>
              <Table.Td>{coord(v.point.lat)}</Table.Td>
              <Table.Td>{coord(v.point.lon)}</Table.Td>
              <Table.Td>{v.footprint ? t('planning.venues.hasFootprint') : '—'}</Table.Td>
              {canPlan && (
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="default"
                      aria-label={t('planning.edit.named', { name: v.name })}
                      onClick={() => onEdit(v.id)}
                    >
                      {t('planning.edit.label')}
                    </Button>
                    <RemoveButton exerciseId={plan.exercise.id} list="venues" itemId={v.id} name={v.name} />
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
