import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDecideProposal, useExerciseImprovement } from '../../api/improvement';
import { useCan } from '../../auth/useSession';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ImprovementTable } from './ImprovementTable';
import { useCapabilityWords } from '../../i18n/capabilities';

/**
 * On an exercise's objectives screen: corrective actions from earlier exercises proposed to be
 * tested in this one (the planner makes an objective of each, or dismisses it), and the items this
 * exercise itself raised.
 */
export function ExerciseImprovement({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  const { name: capabilityName } = useCapabilityWords();
  const reads = useCan('improvement:read');
  const plans = useCan('exercises:plan');
  const readable = reads || plans;
  const data = useExerciseImprovement(exerciseId, readable);
  const decide = useDecideProposal(exerciseId);
  if (!readable || !data.data) return null;
  const { raised, proposed, mayPlan } = data.data;
  const waiting = proposed.filter((p) => p.testIn?.state === 'proposed');

  return (
    <Stack mt="lg">
      {waiting.length > 0 && (
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('improvement.proposed.title')}
          </Title>
          {waiting.map((p) => (
            <Paper key={p.id} withBorder p="sm" data-testid={`proposal-${p.id}`}>
              <Text fw={600}>{p.correctiveAction}</Text>
              <Text size="sm">
                {t('improvement.proposed.from', {
                  exercise: p.exerciseName,
                  capability: capabilityName(p.capabilityId, p.capabilityName),
                })}
              </Text>
              <Text size="sm" c="dimmed">
                {t('improvement.issueIs', { issue: p.issue })}
              </Text>
              {mayPlan && (
                <Group mt="xs" gap="xs">
                  <Button
                    size="xs"
                    loading={decide.isPending}
                    onClick={() => decide.mutate({ itemId: p.id, decision: 'accept' })}
                  >
                    {t('improvement.proposed.accept')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    disabled={decide.isPending}
                    onClick={() => decide.mutate({ itemId: p.id, decision: 'dismiss' })}
                  >
                    {t('improvement.proposed.dismiss')}
                  </Button>
                </Group>
              )}
            </Paper>
          ))}
          <ProblemAlert error={decide.error} />
        </Stack>
      )}
      {raised.length > 0 && (
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('improvement.raised')}
          </Title>
          <ImprovementTable items={raised} label={t('improvement.raised')} showExercise={false} />
        </Stack>
      )}
    </Stack>
  );
}
