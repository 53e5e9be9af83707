import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCommCheck, useStartCommCheck, useClock, type CommCheck } from '../../../api/conduct';
import { QueryState } from '../../../components/QueryState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { TableScroll } from '../../../components/TableScroll';
import { STATUS } from '../../../theme';
import { clockIn } from './InjectProgress';

type State = CommCheck['people'][number]['ways'][number]['state'];

/** Filled badges in the contrast-checked status colours: light ones fail on a striped row. */
const COLOURS: Record<State, string> = {
  waiting: STATUS.neutral,
  sent: STATUS.neutral,
  delivered: STATUS.ok,
  confirmed: STATUS.ok,
  failed: STATUS.danger,
  not_in_round: STATUS.warning,
};

/**
 * The communication check before STARTEX: a button that sends a test message to every player on
 * every way they can be reached, and, per player, where each way stands, updated live as the
 * deliveries move and players confirm. A player reached on no way is the one a controller calls.
 */
export function CommCheckPanel({ exerciseId, canAct }: { exerciseId: string; canAct: boolean }) {
  const { t } = useTranslation();
  const check = useCommCheck(exerciseId);
  const start = useStartCommCheck(exerciseId);
  const clock = useClock(exerciseId).data;
  const time = clockIn(clock?.timeZone ?? 'UTC');
  const ended = clock?.reading.phase === 'ended';
  return (
    <Stack gap="xs" component="section" aria-labelledby="comm-check-title">
      <Group justify="space-between">
        <Title order={3} id="comm-check-title">
          {t('conduct.commCheck.title')}
        </Title>
        {canAct && !ended && (
          <Button variant="light" loading={start.isPending} onClick={() => start.mutate()}>
            {t(check.data?.round ? 'conduct.commCheck.again' : 'conduct.commCheck.start')}
          </Button>
        )}
      </Group>
      <ProblemAlert error={start.error} />
      <QueryState query={check}>
        {(data) =>
          data.round === null ? (
            <Text c="dimmed">{t('conduct.commCheck.none')}</Text>
          ) : (
            <>
              <Text size="sm" aria-live="polite">
                {t('conduct.commCheck.summary', {
                  round: data.round.number,
                  time: time(data.round.startedAt),
                  by: data.round.startedBy ?? '—',
                  reached: data.counts.reached,
                  people: data.counts.people,
                  confirmed: data.counts.confirmed,
                  failed: data.counts.failed,
                  waiting: data.counts.waiting,
                })}
              </Text>
              <TableScroll label={t('conduct.commCheck.title')} minWidth={640}>
                <Table striped aria-labelledby="comm-check-title">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('conduct.commCheck.player')}</Table.Th>
                      <Table.Th>{t('conduct.commCheck.team')}</Table.Th>
                      <Table.Th>{t('conduct.commCheck.ways')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.people.map((p) => (
                      <Table.Tr key={p.personId}>
                        <Table.Td>
                          <Group gap={6}>
                            <Text size="sm">{p.name}</Text>
                            {!p.reached && (
                              <Badge color={STATUS.warning} variant="filled">
                                {t(
                                  p.ways.length ? 'conduct.commCheck.notReached' : 'conduct.commCheck.noWay',
                                )}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>{p.team ?? '—'}</Table.Td>
                        <Table.Td>
                          <Stack gap={2}>
                            {p.ways.map((w, i) => (
                              <Group key={i} gap={6} wrap="nowrap">
                                <Badge
                                  color={COLOURS[w.state]}
                                  variant={w.state === 'confirmed' ? 'filled' : 'outline'}
                                >
                                  {t(`conduct.commCheck.state.${w.state}`)}
                                </Badge>
                                <Text size="sm">
                                  {t(`outbox.channels.${w.channel}`, { defaultValue: w.channel })}
                                  {w.address ? ` · ${w.address}` : ''}
                                  {w.at ? ` · ${time(w.at)}` : ''}
                                </Text>
                                {w.problem && (
                                  <Text size="sm" c="red">
                                    {w.problem}
                                  </Text>
                                )}
                              </Group>
                            ))}
                          </Stack>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            </>
          )
        }
      </QueryState>
    </Stack>
  );
}
