import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTransitionExercise } from '../../../api/exercises';
import type { Exercise } from '../../../api/planningTypes';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StatusBadge } from '../StatusBadge';
import { useExerciseCan } from '../ExerciseAccess';

/** Only the moves the life cycle allows from here are offered; the server holds the same rule. */
export function StatusActions({ exercise }: { exercise: Exercise }) {
  const { t } = useTranslation();
  const canPlan = useExerciseCan('plan');
  const transition = useTransitionExercise(exercise.id);
  return (
    <Group gap="sm" align="center" wrap="wrap">
      <Text fw={600}>{t('planning.fields.status')}</Text>
      <StatusBadge status={exercise.status} />
      {canPlan &&
        exercise.allowedTransitions.map((to) => (
          <Button
            key={to}
            size="compact-sm"
            variant="default"
            loading={transition.isPending && transition.variables === to}
            onClick={() => transition.mutate(to)}
          >
            {t(`planning.transition.${to}`)}
          </Button>
        ))}
      <ProblemAlert error={transition.error} />
    </Group>
  );
}
