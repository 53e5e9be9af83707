import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ImprovementItem } from '../../api/improvement';
import { useObservations } from '../../api/observations';
import { useCan } from '../../auth/useSession';

/**
 * The observation that raised an item. Those who read the exercise's observations see which one
 * (its exercise time and words) and reach the exercise's observations in one click; the others
 * learn only that an observation raised it (observations stay the evaluators' and directors' until
 * the report is final, decision 0020).
 */
export function ObservationSource({ item }: { item: ImprovementItem }) {
  const { t } = useTranslation();
  const reads = useCan('observations:read');
  const observations = useObservations(item.exerciseId, reads && item.observationId !== null);
  if (!item.observationId) return null;
  const observation = observations.data?.items.find((o) => o.id === item.observationId);
  if (!observation)
    return (
      <Text size="xs" c="dimmed" data-testid="observation-source">
        {t('improvement.fromAnObservation')}
      </Text>
    );
  return (
    <Text size="xs" data-testid="observation-source" style={{ overflowWrap: 'anywhere' }}>
      {t('improvement.fromObservation', { time: observation.exerciseTime })}{' '}
      <Anchor component={Link} to={`/exercises/${item.exerciseId}/observations`} size="xs">
        {observation.text.length > 140 ? `${observation.text.slice(0, 140)}…` : observation.text}
      </Anchor>
    </Text>
  );
}
