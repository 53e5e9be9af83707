import { Anchor, Badge, Button, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Observation, ObservationDraft } from '../../../api/observations';
import type { ExercisePlan } from '../../../api/planningTypes';
import { STATUS } from '../../../theme';
import { discard, type Queued } from './queue';
import { formatInstant } from '../../../components/DateTime';

/** Names of what an observation links to, read from the plan on screen. */
function namesOf(plan: ExercisePlan) {
  const names = new Map<string, string>();
  for (const v of plan.venues) names.set(v.id, v.name);
  for (const x of plan.teams) names.set(x.id, x.name);
  for (const o of plan.objectives) {
    names.set(o.id, o.text);
    for (const c of o.capabilityTargets) for (const k of c.criticalTasks) names.set(k.id, k.text);
  }
  return (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);
}

function Links({
  body,
  name,
}: {
  body: Pick<ObservationDraft, 'teamId' | 'venueId' | 'criticalTaskIds'>;
  name: ReturnType<typeof namesOf>;
}) {
  const { t } = useTranslation();
  const parts = [
    name(body.teamId) && `${t('observations.team')}: ${name(body.teamId)}`,
    name(body.venueId) && `${t('observations.venue')}: ${name(body.venueId)}`,
    ...(body.criticalTaskIds ?? []).map((id) => name(id)).filter(Boolean),
  ].filter(Boolean);
  return parts.length ? (
    <Text size="sm" c="dimmed">
      {parts.join(' · ')}
    </Text>
  ) : null;
}

/** Observations written on this device that the server has not yet taken. */
export function QueuedList({ queued, plan }: { queued: Queued[]; plan: ExercisePlan }) {
  const { t, i18n } = useTranslation();
  const name = namesOf(plan);
  if (!queued.length) return null;
  return (
    <Stack gap="xs" aria-label={t('observations.waitingTitle')}>
      <Text fw={700}>{t('observations.waitingTitle')}</Text>
      {queued.map((q) => (
        <Paper key={q.id} withBorder p="sm" radius="md" data-testid="queued-observation">
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap">
              <Badge color={q.problem ? STATUS.danger : STATUS.warning} variant="light">
                {q.problem ? t('observations.refused') : t('observations.waiting')}
              </Badge>
              <Text size="sm" c="dimmed">
                {formatInstant(i18n.language, q.body.observedAt, {
                  only: 'time',
                  timeZone: plan.exercise.timeZone,
                })}
              </Text>
            </Group>
            <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{q.body.text}</Text>
            <Links body={q.body} name={name} />
            {q.problem && (
              <Group justify="space-between">
                <Text size="sm" c="red.8">
                  {q.problem.detail}
                </Text>
                <Button size="xs" variant="default" onClick={() => discard(q.id)}>
                  {t('observations.discard')}
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/** The exercise's observations as the server keeps them, latest first, stamped in the three clocks. */
export function ObservationList({ items, plan }: { items: Observation[]; plan: ExercisePlan }) {
  const { t, i18n } = useTranslation();
  const name = namesOf(plan);
  return (
    <Stack gap="xs">
      <Text fw={700}>{t('observations.listTitle', { count: items.length })}</Text>
      {items.length === 0 && <Text c="dimmed">{t('observations.empty')}</Text>}
      {items.map((o) => (
        <Paper key={o.id} withBorder p="sm" radius="md" data-testid="observation">
          <Stack gap={4}>
            <Group gap="xs" wrap="wrap">
              <Badge variant="outline" ff="monospace" title={t('conduct.clocks.exercise')}>
                {o.exerciseTime}
              </Badge>
              {o.scenarioTime && (
                <Badge variant="light" color="gray" ff="monospace" title={t('conduct.clocks.scenario')}>
                  {o.scenarioTime.replace('T', ' ')}
                </Badge>
              )}
              <Text size="sm" c="dimmed" title={t('conduct.clocks.wall')}>
                {formatInstant(i18n.language, o.observedAt, { timeZone: plan.exercise.timeZone })}
              </Text>
              <Text size="sm" fw={500}>
                {o.author}
              </Text>
            </Group>
            <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{o.text}</Text>
            <Links body={o} name={name} />
            {o.place && (
              <Anchor
                size="sm"
                href={`geo:${o.place.lat},${o.place.lon}`}
              >{`${o.place.lat.toFixed(5)}, ${o.place.lon.toFixed(5)}`}</Anchor>
            )}
            {o.photo && (
              <Image
                src={`/api/v1/exercises/${o.exerciseId}/observations/${o.id}/photo`}
                alt={t('observations.photoOf', { time: o.exerciseTime })}
                maw={320}
                radius="sm"
              />
            )}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
