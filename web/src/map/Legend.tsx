import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './ExerciseMap.module.css';

const ENTRIES = ['venue', 'zone', 'cordon', 'closure'] as const;

export type SightingEntry = 'report' | 'observation';

/**
 * Names the looks of the overlay, so a reader need not guess what red and dashed means; reports
 * and observations only where the map shows them.
 */
export function Legend({
  sightings = [],
  ref,
}: {
  sightings?: readonly SightingEntry[];
  /** The list itself: the map keeps the places it frames out from under it. */
  ref?: Ref<HTMLUListElement>;
}) {
  const { t } = useTranslation();
  return (
    <ul ref={ref} className={classes.legend} aria-label={t('map.legend.label')}>
      {[...ENTRIES, ...sightings].map((entry) => (
        <li key={entry}>
          <span className={`${classes.swatch} ${classes[entry]}`} aria-hidden="true" />
          {t(`map.legend.${entry}`)}
        </li>
      ))}
    </ul>
  );
}
