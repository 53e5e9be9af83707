import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseMap as ExerciseMapComponent, ExerciseMapProps } from '../../../map';

/** The map itself once its code is here. */
let loaded: typeof ExerciseMapComponent | null = null;

// MapLibre is most of a megabyte: it loads when a map is first shown, not with the console.
const loadMap = () =>
  import('../../../map').then((m) => {
    loaded = m.ExerciseMap;
    return m;
  });
const LazyMap = lazy(() => loadMap().then((m) => ({ default: m.ExerciseMap })));

/** Starts loading the map's code now, for a screen that will show a map once its own data is in. */
export function preloadExerciseMap(): void {
  void loadMap();
}

export function LazyExerciseMap(props: ExerciseMapProps) {
  const { t } = useTranslation();
  // The component itself when its code is already here (preloaded): a lazy one suspends on its first
  // render even then, and React holds a fallback it has shown for 300 ms before the map may start
  // (bench/console.bench.ts, the tab's click). Chosen once, so the map is never made twice.
  const [MapView] = useState(() => loaded ?? LazyMap);
  return (
    <Suspense
      fallback={
        <Center h={props.height ?? 480}>
          <Loader size="sm" aria-label={t('common.loading')} />
        </Center>
      }
    >
      <MapView {...props} />
    </Suspense>
  );
}
