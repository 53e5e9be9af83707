import { Button, CloseButton, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assignEvaluator, unassignEvaluator, useEvaluators, type Guide } from '../../../api/evaluation';
import type { ExercisePlan } from '../../../api/planningTypes';

/** A director or planner places evaluators by venue and/or team; neither means the whole exercise. */
export function Assignments({
  guide,
  plan,
  onChanged,
}: {
  guide: Guide;
  plan: ExercisePlan;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const evaluators = useEvaluators(guide.exerciseId, true);
  const [userId, setUserId] = useState<string | null>(null);
  const [venueId, setVenueId] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const name = (id: string | null) =>
    plan.venues.find((v) => v.id === id)?.name ?? plan.teams.find((x) => x.id === id)?.name ?? '';
  const add = async () => {
    if (!userId) return;
    await assignEvaluator(guide.exerciseId, { userId, venueId, teamId });
    onChanged();
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={5}>{t('evaluation.assignments')}</Title>
        {guide.assignments.map((a) => (
          <Group key={a.id} gap="xs">
            <Text size="sm">
              {a.userName} —{' '}
              {[name(a.venueId), name(a.teamId)].filter(Boolean).join(' · ') || t('evaluation.whole')}
            </Text>
            <CloseButton
              aria-label={t('evaluation.unassign', { name: a.userName })}
              onClick={() => void unassignEvaluator(guide.exerciseId, a.id).then(onChanged)}
            />
          </Group>
        ))}
        <Group align="end">
          <Select
            label={t('evaluation.evaluator')}
            data={(evaluators.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
            value={userId}
            onChange={setUserId}
          />
          <Select
            label={t('evaluation.venue')}
            data={plan.venues.map((v) => ({ value: v.id, label: v.name }))}
            value={venueId}
            onChange={setVenueId}
            clearable
          />
          <Select
            label={t('evaluation.team')}
            data={plan.teams.map((x) => ({ value: x.id, label: x.name }))}
            value={teamId}
            onChange={setTeamId}
            clearable
          />
          <Button onClick={() => void add()} disabled={!userId}>
            {t('evaluation.assign')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
