import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExercisePlan } from '../../../api/planningTypes';
import { TableScroll } from '../../../components/TableScroll';
import { RemoveButton } from '../RemoveButton';

interface Props {
  plan: ExercisePlan;
  orgName: Map<string, string>;
  canPlan: boolean;
}

export function TeamsTable({ plan, orgName, canPlan }: Props) {
  const { t } = useTranslation();
  if (plan.teams.length === 0) return <Text c="dimmed">{t('planning.participants.noTeams')}</Text>;
  const members = (teamId: string) => plan.people.filter((p) => p.teamId === teamId).length;
  return (
    <TableScroll label={t('planning.participants.teams')} minWidth={560}>
      <Table striped withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('planning.participants.team')}</Table.Th>
            <Table.Th scope="col">{t('planning.participants.organisation')}</Table.Th>
            <Table.Th scope="col">{t('planning.participants.members')}</Table.Th>
            {canPlan && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.teams.map((team) => (
            <Table.Tr key={team.id}>
              <Table.Th scope="row">{team.name}</Table.Th>
              <Table.Td>{team.organisationId ? (orgName.get(team.organisationId) ?? '') : ''}</Table.Td>
              <Table.Td>{members(team.id)}</Table.Td>
              {canPlan && (
                <Table.Td>
                  <RemoveButton
                    exerciseId={plan.exercise.id}
                    list="teams"
                    itemId={team.id}
                    name={team.name}
                  />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
