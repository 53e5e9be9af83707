import { Divider, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Exercise } from '../../api/planningTypes';
import { ExportBundleButton } from './BundleButtons';
import { CalendarFeedPanel } from './CalendarFeedPanel';
import { DocumentsPanel } from './DocumentsPanel';
import { useExerciseCan } from '../exercises/ExerciseAccess';

/** What the exercise hands out: documents, a calendar feed and, for planners, the whole exercise. */
export function SharingTab({ exercise }: { exercise: Exercise }) {
  const { t } = useTranslation();
  const mayPlan = useExerciseCan('plan');
  const mayReadMsel = useExerciseCan('readControllerSide');
  const canPlan = mayPlan && mayReadMsel;
  return (
    <Stack gap="lg">
      <DocumentsPanel exerciseId={exercise.id} />
      <Divider />
      <CalendarFeedPanel exercise={exercise} />
      {canPlan && (
        <>
          <Divider />
          <Stack gap="xs">
            <Title order={2} size="h4">
              {t('sharing.bundle.title')}
            </Title>
            <Text size="sm">{t('sharing.bundle.intro')}</Text>
            <Group>
              <ExportBundleButton exerciseId={exercise.id} />
            </Group>
          </Stack>
        </>
      )}
    </Stack>
  );
}
