import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExercisePlan } from '../../../api/planningTypes';
import { TableScroll } from '../../../components/TableScroll';
import { useExerciseCan } from '../ExerciseAccess';

export function OrganisationsTable({ plan, orgName }: { plan: ExercisePlan; orgName: Map<string, string> }) {
  const { t } = useTranslation();
  // Participation notes are the planners' words: the column is not there for those the server withholds them from.
  const notes = useExerciseCan('readControllerSide');
  if (plan.organisations.length === 0)
    return <Text c="dimmed">{t('planning.participants.noOrganisations')}</Text>;
  return (
    <TableScroll label={t('planning.participants.organisations')} minWidth={560}>
      <Table striped withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('planning.participants.organisation')}</Table.Th>
            <Table.Th scope="col">{t('planning.participants.extent')}</Table.Th>
            {notes && <Table.Th scope="col">{t('planning.participants.notes')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.organisations.map((p) => (
            <Table.Tr key={p.organisationId}>
              <Table.Th scope="row">{orgName.get(p.organisationId) ?? p.organisationId}</Table.Th>
              <Table.Td>{t(`planning.extent.${p.extentOfPlay}`)}</Table.Td>
              {notes && <Table.Td>{p.notes ?? ''}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
