import { Alert, SimpleGrid, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { observationsKey, useObservationForm, useObservations } from '../../../api/observations';
import type { ExercisePlan } from '../../../api/planningTypes';
import { QueryState } from '../../../components/QueryState';
import { STATUS } from '../../../theme';
import { useExerciseCan } from '../ExerciseAccess';
import { ObservationForm } from './ObservationForm';
import { ObservationList, QueuedList } from './ObservationList';
import { useQueued, useQueueSender } from './queue';

/**
 * Observations: the evaluator's form and what waits on their device, beside the exercise's
 * observations for those who may read them (evaluators and directors, decision 0020). On a phone the
 * form comes first; on a desk the two stand side by side.
 */
export function ObservationsTab({ plan }: { plan: ExercisePlan }) {
  const { t } = useTranslation();
  const exerciseId = plan.exercise.id;
  const canRecord = useExerciseCan('recordObservations');
  const canRead = useExerciseCan('readObservations');
  const client = useQueryClient();
  const refresh = useCallback(
    () => void client.invalidateQueries({ queryKey: [...observationsKey(exerciseId), 'list'] }),
    [client, exerciseId],
  );
  const online = useQueueSender(refresh);
  const queued = useQueued(exerciseId);
  const form = useObservationForm(exerciseId, canRecord);
  const list = useObservations(exerciseId, canRead);

  return (
    <Stack>
      {!online && (
        <Alert color={STATUS.warning} variant="light" role="status" title={t('observations.offlineTitle')}>
          {t('observations.offline')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: canRecord && canRead ? 2 : 1 }} spacing="lg">
        {canRecord && (
          <Stack>
            <QueryState query={form}>{(f) => <ObservationForm form={f} onSent={refresh} />}</QueryState>
            <QueuedList queued={queued} plan={plan} />
          </Stack>
        )}
        {canRead && (
          <QueryState query={list}>{(l) => <ObservationList items={l.items} plan={plan} />}</QueryState>
        )}
      </SimpleGrid>
    </Stack>
  );
}
