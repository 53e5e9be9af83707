import { Stack, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExercisePlan } from '../../../api/planningTypes';
import type { MapGeometry } from '../../../map';
import { SpreadsheetActions } from '../imports/SpreadsheetActions';
import type { DrawRequest } from './drawing';
import { LazyExerciseMap } from './LazyExerciseMap';
import { VenueForm } from './VenueForm';
import { VenuesTable } from './VenuesTable';
import { ZoneForm } from './ZoneForm';
import { ZonesTable } from './ZonesTable';
import { useExerciseCan } from '../ExerciseAccess';

/** Which form the map is drawing for: the venue form or the zone form, and the request it made. */
type Drawing = (DrawRequest & { owner: 'venue' | 'zone' }) | null;

/**
 * Venues, zones and road closures on the map, with the same items in tables beside it: the tables
 * are what a screen reader reads and what a keyboard edits; the map is where a planner points.
 * Editing an item opens its form in place of the add form and hides the item's own shape on the
 * map, so only the copy being edited is seen.
 */
export function VenuesTab({ plan }: { plan: ExercisePlan }) {
  const { t } = useTranslation();
  const canPlan = useExerciseCan('plan');
  const [drawing, setDrawing] = useState<Drawing>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [venueId, setVenueId] = useState<string | null>(null);
  const [zoneId, setZoneId] = useState<string | null>(null);
  const editedVenue = plan.venues.find((v) => v.id === venueId) ?? null;
  const editedZone = plan.zones.find((z) => z.id === zoneId) ?? null;
  const drawingFootprint = drawing?.owner === 'venue' && drawing.kind === 'polygon';

  // Stable arrays, so the map redraws its overlay only when the plan or the edited item changes.
  const venues = useMemo(
    () =>
      plan.venues.map((v) => ({
        ...v,
        footprint: drawingFootprint && v.id === venueId ? null : (v.footprint as MapGeometry | null),
      })),
    [plan.venues, drawingFootprint, venueId],
  );
  const zones = useMemo(
    () =>
      plan.zones
        .filter((z) => !(drawing?.owner === 'zone' && z.id === zoneId))
        .map((z) => ({ ...z, geometry: z.geometry as MapGeometry })),
    [plan.zones, drawing?.owner, zoneId],
  );
  const drawFor = (owner: 'venue' | 'zone') => (request: DrawRequest | null) =>
    setDrawing(request ? { ...request, owner } : null);

  return (
    <Stack>
      <LazyExerciseMap
        venues={venues}
        zones={zones}
        edit={drawing ? { kind: drawing.kind, initial: drawing.initial, session: drawing.session } : null}
        onChange={drawing?.onChange}
        onCancel={() => setDrawing(null)}
        selectedId={selected}
        onSelect={setSelected}
        height={420}
      />
      <Title order={2} size="h4">
        {t('planning.venues.title')}
      </Title>
      <SpreadsheetActions exerciseId={plan.exercise.id} kind="venues" />
      <VenuesTable
        plan={plan}
        canPlan={canPlan}
        onEdit={(id) => {
          setDrawing(null);
          setVenueId(id);
        }}
      />
      {canPlan && (
        <VenueForm
          key={editedVenue?.id ?? 'new-venue'}
          exerciseId={plan.exercise.id}
          venue={editedVenue}
          drawing={drawing?.owner === 'venue' ? drawing.kind : null}
          onDraw={drawFor('venue')}
          onDone={() => setVenueId(null)}
        />
      )}
      <Title order={2} size="h4">
        {t('planning.zones.title')}
      </Title>
      <ZonesTable
        plan={plan}
        canPlan={canPlan}
        onEdit={(id) => {
          setDrawing(null);
          setZoneId(id);
        }}
      />
      {canPlan && (
        <ZoneForm
          key={editedZone?.id ?? 'new-zone'}
          plan={plan}
          zone={editedZone}
          drawing={drawing?.owner === 'zone' ? drawing.kind : null}
          onDraw={drawFor('zone')}
          onDone={() => setZoneId(null)}
        />
      )}
    </Stack>
  );
}
