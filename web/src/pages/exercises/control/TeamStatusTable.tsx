import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STATUS } from '../../../theme';
import { useClock, useTeamStatus } from '../../../api/conduct';
import { QueryState } from '../../../components/QueryState';
import { TableScroll } from '../../../components/TableScroll';
import { clockIn } from './InjectProgress';

/**
 * Per team: what reached it, what it confirmed, what it reported, and which injects still wait for
 * an acknowledgement, oldest first with the time it arrived, so a controller knows whom to call.
 * Refreshed live by the acknowledgements and reports themselves.
 */
export function TeamStatusTable({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  const teams = useTeamStatus(exerciseId);
  const time = clockIn(useClock(exerciseId).data?.timeZone ?? 'UTC');
  return (
    <Stack gap="xs" component="section" aria-labelledby="team-status-title">
      <Title order={3} id="team-status-title">
        {t('conduct.teams.title')}
      </Title>
      <QueryState query={teams}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('conduct.teams.none')}</Text>
          ) : (
            <TableScroll label={t('conduct.teams.title')} minWidth={720}>
              <Table striped aria-labelledby="team-status-title">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('conduct.teams.team')}</Table.Th>
                    <Table.Th>{t('conduct.teams.players')}</Table.Th>
                    <Table.Th>{t('conduct.teams.acknowledged')}</Table.Th>
                    <Table.Th>{t('conduct.teams.waiting')}</Table.Th>
                    <Table.Th>{t('conduct.teams.reports')}</Table.Th>
                    <Table.Th>{t('conduct.teams.last')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((team) => (
                    <Table.Tr key={team.teamId}>
                      <Table.Td>{team.name}</Table.Td>
                      <Table.Td>
                        {t('conduct.teams.seated', { seated: team.seated, players: team.players })}
                      </Table.Td>
                      <Table.Td>
                        {t('conduct.teams.ofReceived', {
                          acknowledged: team.acknowledged,
                          received: team.received,
                        })}
                      </Table.Td>
                      <Table.Td>
                        {team.waiting.length === 0 ? (
                          '—'
                        ) : (
                          <Group gap={4}>
                            {team.waiting.map((w) => (
                              <Badge key={w.injectId} color={STATUS.warning} variant="outline">
                                {t('conduct.teams.waitingSince', {
                                  number: w.number,
                                  time: time(w.deliveredAt),
                                })}
                              </Badge>
                            ))}
                          </Group>
                        )}
                      </Table.Td>
                      <Table.Td>{team.reports}</Table.Td>
                      <Table.Td>{team.lastActivityAt ? time(team.lastActivityAt) : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )
        }
      </QueryState>
    </Stack>
  );
}
