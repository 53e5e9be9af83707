import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useExerciseMetrics, type ExerciseMetrics } from '../../../api/metrics';
import type { Team } from '../../../api/planningTypes';
import { BarChart } from '../../../components/BarChart';
import { formatInstant } from '../../../components/DateTime';
import { QueryState } from '../../../components/QueryState';
import { TableScroll } from '../../../components/TableScroll';
import { STATUS } from '../../../theme';
import { criterionText } from '../objectives/criterionText';

/** A duration as minutes and seconds ("3:05"); a dash for a step not reached. */
export const minutes = (ms: number | null | undefined) => {
  if (ms === null || ms === undefined) return '—';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
const toMinutes = (ms: number | null) => (ms === null ? 0 : Math.round(ms / 6000) / 10);

const STATUS_COLOUR = {
  met: STATUS.ok,
  missed: STATUS.danger,
  pending: STATUS.warning,
  not_fired: STATUS.neutral,
  unmeasured: STATUS.neutral,
} as const;

/**
 * What the exercise's history measured: per inject and team fired → delivered → acknowledged →
 * first action, per team the median times as charts, critical tasks against their targets, the
 * share of each objective's tasks met, and alert drills' delivery times per channel.
 */
export function MetricsTab({ exerciseId, teams }: { exerciseId: string; teams: readonly Team[] }) {
  const metrics = useExerciseMetrics(exerciseId);
  return <QueryState query={metrics}>{(m) => <MetricsView m={m} teams={teams} />}</QueryState>;
}

function MetricsView({ m, teams }: { m: ExerciseMetrics; teams: readonly Team[] }) {
  const { t, i18n } = useTranslation();
  const teamName = (name: string | null) => name ?? t('metrics.noTeam');
  // A criterion names the inject by number and the team by id; the metrics carry both names.
  const injectTitle = new Map(m.injects.map((i) => [i.number, i.title]));
  const teamById = new Map(teams.map((x) => [x.id, x.name]));
  const criterionOf = (c: ExerciseMetrics['criticalTasks'][number]['criterion']) =>
    c
      ? criterionText(
          c,
          {
            injectTitle: injectTitle.get(c.injectNumber),
            teamName: c.teamId ? teamById.get(c.teamId) : undefined,
          },
          t,
        )
      : '—';
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t(m.ended ? 'metrics.ended' : 'metrics.running')}
      </Text>
      <Title order={3}>{t('metrics.teamsTitle')}</Title>
      {m.teams.length === 0 ? (
        <Text>{t('metrics.noInjects')}</Text>
      ) : (
        <Group align="flex-start">
          <BarChart
            title={t('metrics.ackChart')}
            valueLabel={t('metrics.minutesAxis')}
            categoryLabel={t('metrics.teamsAxis')}
            width={420}
            height={180}
            format={(v) => String(v)}
            data={m.teams.map((x) => ({
              label: teamName(x.teamName),
              value: toMinutes(x.toAcknowledged.medianMs),
            }))}
          />
          <BarChart
            title={t('metrics.actionChart')}
            valueLabel={t('metrics.minutesAxis')}
            categoryLabel={t('metrics.teamsAxis')}
            width={420}
            height={180}
            data={m.teams.map((x) => ({
              label: teamName(x.teamName),
              value: toMinutes(x.toFirstAction.medianMs),
            }))}
          />
        </Group>
      )}
      <Title order={3}>{t('metrics.injectsTitle')}</Title>
      <TableScroll label={t('metrics.injectsTitle')} minWidth={640}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('metrics.inject')}</Table.Th>
              <Table.Th>{t('metrics.team')}</Table.Th>
              <Table.Th>{t('metrics.fired')}</Table.Th>
              <Table.Th>{t('metrics.toDelivered')}</Table.Th>
              <Table.Th>{t('metrics.toAcknowledged')}</Table.Th>
              <Table.Th>{t('metrics.toFirstAction')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {m.injects.flatMap((i) =>
              i.teams.map((x, n) => (
                <Table.Tr key={`${i.injectId}/${x.teamId ?? ''}`}>
                  <Table.Td>{n === 0 ? `${i.number}. ${i.title}` : ''}</Table.Td>
                  <Table.Td>{teamName(x.teamName)}</Table.Td>
                  <Table.Td>
                    {x.firedAt ? formatInstant(i18n.language, x.firedAt, { only: 'time' }) : '—'}
                  </Table.Td>
                  <Table.Td>{minutes(x.toDeliveredMs)}</Table.Td>
                  <Table.Td>{minutes(x.toAcknowledgedMs)}</Table.Td>
                  <Table.Td>{minutes(x.toFirstActionMs)}</Table.Td>
                </Table.Tr>
              )),
            )}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <Title order={3}>{t('metrics.tasksTitle')}</Title>
      <TableScroll label={t('metrics.tasksTitle')} minWidth={640}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('metrics.task')}</Table.Th>
              <Table.Th>{t('metrics.criterion')}</Table.Th>
              <Table.Th>{t('metrics.status')}</Table.Th>
              <Table.Th>{t('metrics.time')}</Table.Th>
              <Table.Th>{t('metrics.target')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {m.criticalTasks.map((k) => (
              <Table.Tr key={k.taskId}>
                <Table.Td>{k.text}</Table.Td>
                <Table.Td>{criterionOf(k.criterion)}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOUR[k.status]} variant="light">
                    {t(`metrics.statuses.${k.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{minutes(k.afterMs)}</Table.Td>
                <Table.Td>{minutes(k.targetMs)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <Title order={3}>{t('metrics.objectivesTitle')}</Title>
      {m.objectives.map((o) => (
        <Text key={o.objectiveId}>
          {o.position}. {o.text} —{' '}
          {o.share === null
            ? t('metrics.noneMeasured')
            : t('metrics.share', { met: o.met, measured: o.measured, percent: Math.round(o.share * 100) })}
        </Text>
      ))}
      {m.alerts.length > 0 && (
        <>
          <Title order={3}>{t('metrics.alertsTitle')}</Title>
          <TableScroll label={t('metrics.alertsTitle')} minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('metrics.alert')}</Table.Th>
                  <Table.Th>{t('metrics.channel')}</Table.Th>
                  <Table.Th>{t('metrics.firstDelivery')}</Table.Th>
                  <Table.Th>{t('metrics.lastDelivery')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {m.alerts.flatMap((a) =>
                  a.channels.map((c) => (
                    <Table.Tr key={`${a.alertId}/${c.channel}`}>
                      <Table.Td>{`${a.hazard} (${a.msgType} ${a.sequence})`}</Table.Td>
                      <Table.Td>{c.channel}</Table.Td>
                      <Table.Td>{minutes(c.firstAfterMs)}</Table.Td>
                      <Table.Td>{minutes(c.lastAfterMs)}</Table.Td>
                    </Table.Tr>
                  )),
                )}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </>
      )}
    </Stack>
  );
}
