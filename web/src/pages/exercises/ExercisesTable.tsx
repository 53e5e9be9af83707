import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Exercise, Programme } from '../../api/planningTypes';
import { TableScroll } from '../../components/TableScroll';
import { StatusBadge } from './StatusBadge';
import { zoneName } from '../../i18n/zones';

export function ExercisesTable({
  exercises,
  programmes,
}: {
  exercises: Exercise[];
  programmes: Programme[];
}) {
  const { t, i18n } = useTranslation();
  const programmeName = new Map(programmes.map((p) => [p.id, p.name]));
  return (
    <TableScroll label={t('planning.list.title')} minWidth={900}>
      <Table striped withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Caption>{t('planning.list.caption', { count: exercises.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('planning.fields.name')}</Table.Th>
            <Table.Th scope="col">{t('planning.fields.type')}</Table.Th>
            <Table.Th scope="col">{t('planning.fields.status')}</Table.Th>
            <Table.Th scope="col">{t('planning.fields.city')}</Table.Th>
            <Table.Th scope="col">{t('planning.fields.startex')}</Table.Th>
            <Table.Th scope="col">{t('planning.fields.endex')}</Table.Th>
            <Table.Th scope="col">{t('planning.fields.programme')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {exercises.map((x) => (
            <Table.Tr key={x.id}>
              <Table.Th scope="row">
                <Anchor component={Link} to={`/exercises/${x.id}`} fw={600}>
                  {x.name}
                </Anchor>
              </Table.Th>
              <Table.Td>{t(`planning.types.${x.type}`)}</Table.Td>
              <Table.Td>
                <StatusBadge status={x.status} />
              </Table.Td>
              <Table.Td>{x.city ?? ''}</Table.Td>
              <Table.Td>
                {x.startexLocal}
                <Text size="xs" c="dimmed">
                  {zoneName(x.timeZone, i18n.language)}
                </Text>
              </Table.Td>
              <Table.Td>{x.endexLocal}</Table.Td>
              <Table.Td>{x.programmeId ? (programmeName.get(x.programmeId) ?? '') : ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
