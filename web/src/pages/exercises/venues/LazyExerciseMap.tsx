import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseMapProps } from '../../../map';

// MapLibre is most of a megabyte: it loads when a map is first shown, not with the console.
const loadMap = () => import('../../../map');
const ExerciseMap = lazy(() => loadMap().then((m) => ({ default: m.ExerciseMap })));

/** Starts loading the map's code now, for a screen that will show a map once its own data is in. */
export function preloadExerciseMap(): void {
  void loadMap();
}

export function LazyExerciseMap(props: ExerciseMapProps) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <Center h={props.height ?? 480}>
          <Loader size="sm" aria-label={t('common.loading')} />
        </Center>
      }
    >
      <ExerciseMap {...props} />
    </Suspense>
  );
}
