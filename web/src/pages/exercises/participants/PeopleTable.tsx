import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExercisePlan } from '../../../api/planningTypes';
import { TableScroll } from '../../../components/TableScroll';
import { useExerciseCan } from '../ExerciseAccess';
import { RemoveButton } from '../RemoveButton';

interface Props {
  plan: ExercisePlan;
  orgName: Map<string, string>;
  canPlan: boolean;
}

export function PeopleTable({ plan, orgName, canPlan }: Props) {
  const { t } = useTranslation();
  // Contacts are for those running the exercise; the server sends others none, and the column goes.
  const contacts = useExerciseCan('readControllerSide');
  if (plan.people.length === 0) return <Text c="dimmed">{t('planning.participants.noPeople')}</Text>;
  const teamName = new Map(plan.teams.map((x) => [x.id, x.name]));
  const venueName = new Map(plan.venues.map((x) => [x.id, x.name]));
  return (
    <TableScroll label={t('planning.participants.people')} minWidth={720}>
      <Table striped withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('planning.participants.name')}</Table.Th>
            <Table.Th scope="col">{t('planning.participants.role')}</Table.Th>
            <Table.Th scope="col">{t('planning.participants.team')}</Table.Th>
            <Table.Th scope="col">{t('planning.participants.venue')}</Table.Th>
            <Table.Th scope="col">{t('planning.participants.organisation')}</Table.Th>
            {contacts && <Table.Th scope="col">{t('planning.participants.contact')}</Table.Th>}
            {canPlan && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.people.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Th scope="row">{p.name}</Table.Th>
              <Table.Td>{t(`planning.exerciseRoles.${p.role}`)}</Table.Td>
              <Table.Td>{p.teamId ? (teamName.get(p.teamId) ?? '') : ''}</Table.Td>
              <Table.Td>{p.venueId ? (venueName.get(p.venueId) ?? '') : ''}</Table.Td>
              <Table.Td>{p.organisationId ? (orgName.get(p.organisationId) ?? '') : ''}</Table.Td>
              {contacts && <Table.Td>{p.contact ?? ''}</Table.Td>}
              {canPlan && (
                <Table.Td>
                  <RemoveButton exerciseId={plan.exercise.id} list="people" itemId={p.id} name={p.name} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
