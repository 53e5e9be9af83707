/**
 * Mounts <ExerciseMap> alone for test/browser/map.test.ts, outside the console build: the plan of
 * `?exercise=ID` from the real API, drawing `?edit=point|line|polygon`, and every onChange written
 * into <output> for the test to read.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../src/i18n/i18n';
import {
  ExerciseMap,
  type DrawKind,
  type EditableGeometry,
  type MapVenue,
  type MapZone,
} from '../../src/map';

const params = new URLSearchParams(window.location.search);
const edit = params.get('edit') as DrawKind | null;

function Harness() {
  const [plan, setPlan] = useState<{ venues: MapVenue[]; zones: MapZone[] } | null>(null);
  const [changes, setChanges] = useState<(EditableGeometry | null)[]>([]);
  useEffect(() => {
    void fetch(`/api/v1/exercises/${params.get('exercise')}/plan`)
      .then((r) => r.json())
      .then(setPlan);
  }, []);
  if (!plan) return null;
  return (
    <main style={{ padding: 8 }}>
      <ExerciseMap
        venues={plan.venues}
        zones={plan.zones}
        edit={edit ? { kind: edit } : null}
        onChange={(g) => setChanges((all) => [...all, g])}
        height={560}
      />
      <output data-testid="changes">{JSON.stringify(changes)}</output>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
