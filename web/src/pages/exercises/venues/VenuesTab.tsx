import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExercisePlan } from '../../../api/planningTypes';
import { useCan } from '../../../auth/useSession';
import { AddVenueForm } from './AddVenueForm';
import { VenuesTable } from './VenuesTable';
import { ZonesTable } from './ZonesTable';

/** Venues, zones and road closures. The tables stay beside the map: they are what a screen reader reads. */
export function VenuesTab({ plan }: { plan: ExercisePlan }) {
  const { t } = useTranslation();
  const canPlan = useCan('exercises:plan');
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('planning.venues.title')}
      </Title>
      <VenuesTable plan={plan} canPlan={canPlan} />
      {canPlan && <AddVenueForm exerciseId={plan.exercise.id} />}
      <Title order={2} size="h4">
        {t('planning.zones.title')}
      </Title>
      <ZonesTable plan={plan} canPlan={canPlan} />
    </Stack>
  );
}
