import { Button, Group, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useExercises, useProgrammes, type ExerciseFilter } from '../../api/exercises';
import { useCan } from '../../auth/useSession';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { ImportBundleButton } from '../sharing/BundleButtons';
import { ProgrammeCalendar } from './calendar/ProgrammeCalendar';
import { CreateExerciseModal } from './CreateExerciseModal';
import { CreateProgrammeModal } from './CreateProgrammeModal';
import { ExerciseFilters } from './ExerciseFilters';
import { ExercisesTable } from './ExercisesTable';

export function ExercisesPage() {
  const { t } = useTranslation();
  const canPlan = useCan('exercises:plan');
  const [filter, setFilter] = useState<ExerciseFilter>({});
  const programmes = useProgrammes();
  const exercises = useExercises(filter);
  const [creating, setCreating] = useState<'exercise' | 'programme' | null>(null);
  const programmeList = programmes.data?.items ?? [];

  return (
    <Stack>
      <PageTitle title={t('planning.list.title')}>
        {canPlan && (
          <Group gap="xs" align="start">
            <ImportBundleButton />
            <Button variant="default" onClick={() => setCreating('programme')}>
              {t('planning.programme.create')}
            </Button>
            <Button onClick={() => setCreating('exercise')}>{t('planning.create.title')}</Button>
          </Group>
        )}
      </PageTitle>
      <ExerciseFilters filter={filter} programmes={programmeList} onChange={setFilter} />
      <QueryState query={exercises}>
        {(data) => (
          <Stack>
            <Title order={2} size="h4">
              {t('planning.calendar.title')}
            </Title>
            <ProgrammeCalendar exercises={data.items} />
            <ExercisesTable exercises={data.items} programmes={programmeList} />
          </Stack>
        )}
      </QueryState>
      <CreateExerciseModal
        opened={creating === 'exercise'}
        programmes={programmeList}
        onClose={() => setCreating(null)}
      />
      <CreateProgrammeModal opened={creating === 'programme'} onClose={() => setCreating(null)} />
    </Stack>
  );
}
