import { Stack, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExercisePlan } from '../../../api/planningTypes';
import { useCan } from '../../../auth/useSession';
import { SpreadsheetActions } from '../imports/SpreadsheetActions';
import type { EditableGeometry, MapGeometry } from '../../../map';
import { AddVenueForm } from './AddVenueForm';
import { AddZoneForm } from './AddZoneForm';
import { LazyExerciseMap } from './LazyExerciseMap';
import { VenuesTable } from './VenuesTable';
import { ZonesTable } from './ZonesTable';

/** What the map is drawing for: a new venue's point, or a new zone's line or polygon. */
type Drawing = { for: 'venue' } | { for: 'zone'; kind: 'line' | 'polygon' } | null;

/**
 * Venues, zones and road closures on the map, with the same items in tables beside it: the tables
 * are what a screen reader reads and what a keyboard edits; the map is where a planner points.
 */
export function VenuesTab({ plan }: { plan: ExercisePlan }) {
  const { t } = useTranslation();
  const canPlan = useCan('exercises:plan');
  const [drawing, setDrawing] = useState<Drawing>(null);
  const [shape, setShape] = useState<EditableGeometry | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  const draw = (next: Drawing) => {
    setShape(null);
    setDrawing(next);
  };
  // Stable arrays, so the map redraws its overlay only when the plan changes.
  const venues = useMemo(
    () => plan.venues.map((v) => ({ ...v, footprint: v.footprint as MapGeometry | null })),
    [plan.venues],
  );
  const zones = useMemo(
    () => plan.zones.map((z) => ({ ...z, geometry: z.geometry as MapGeometry })),
    [plan.zones],
  );
  const picked = drawing?.for === 'venue' && shape?.type === 'Point' ? shape.coordinates : null;

  return (
    <Stack>
      <LazyExerciseMap
        venues={venues}
        zones={zones}
        edit={drawing ? { kind: drawing.for === 'venue' ? 'point' : drawing.kind } : null}
        onChange={setShape}
        onCancel={() => draw(null)}
        selectedId={selected}
        onSelect={setSelected}
        height={420}
      />
      <Title order={2} size="h4">
        {t('planning.venues.title')}
      </Title>
      <SpreadsheetActions exerciseId={plan.exercise.id} kind="venues" />
      <VenuesTable plan={plan} canPlan={canPlan} />
      {canPlan && (
        <AddVenueForm
          exerciseId={plan.exercise.id}
          picking={drawing?.for === 'venue'}
          picked={picked}
          onPick={(on) => draw(on ? { for: 'venue' } : null)}
        />
      )}
      <Title order={2} size="h4">
        {t('planning.zones.title')}
      </Title>
      <ZonesTable plan={plan} canPlan={canPlan} />
      {canPlan && (
        <AddZoneForm
          plan={plan}
          drawingKind={drawing?.for === 'zone' ? drawing.kind : null}
          shape={drawing?.for === 'zone' ? shape : null}
          onDraw={(kind) => draw(kind ? { for: 'zone', kind } : null)}
        />
      )}
    </Stack>
  );
}
