import { Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClock, useControlPlaces, type ControlPlaces } from '../../../api/conduct';
import { usePlan } from '../../../api/exercises';
import { TableScroll } from '../../../components/TableScroll';
import type { MapGeometry, MapSighting } from '../../../map';
import { LazyExerciseMap } from '../venues/LazyExerciseMap';
import { clockIn } from './InjectProgress';

type Sighting = MapSighting & { author: string; at: string; text: string; about: string | null };

function sightingsOf(places: ControlPlaces | undefined): Sighting[] {
  if (!places) return [];
  const reports = places.reports.map((r): Sighting => ({
    id: r.id,
    kind: 'report',
    lon: r.lon,
    lat: r.lat,
    name: r.author,
    author: r.team ? `${r.author} (${r.team})` : r.author,
    at: r.at,
    text: r.text,
    about: `${r.injectNumber} · ${r.injectTitle}`,
  }));
  const observations = (places.observations ?? []).map((o): Sighting => ({
    id: o.id,
    kind: 'observation',
    lon: o.lon,
    lat: o.lat,
    name: o.author,
    author: o.author,
    at: o.at,
    text: o.text,
    about: o.exerciseTime,
  }));
  return [...reports, ...observations].sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * The venues and zones of the plan, and where the players' reports and the evaluators'
 * observations came from, live. The list under the map holds the same points, for the keyboard
 * and the screen reader; choosing a row or a point shows what was said there.
 */
export function ControlMap({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  const plan = usePlan(exerciseId);
  const places = useControlPlaces(exerciseId);
  const [selected, setSelected] = useState<string | null>(null);
  const sightings = useMemo(() => sightingsOf(places.data), [places.data]);
  const venues = useMemo(
    () => (plan.data?.venues ?? []).map((v) => ({ ...v, footprint: v.footprint as MapGeometry | null })),
    [plan.data],
  );
  const zones = useMemo(
    () => (plan.data?.zones ?? []).map((z) => ({ ...z, geometry: z.geometry as MapGeometry })),
    [plan.data],
  );
  const chosen = sightings.find((s) => s.id === selected) ?? null;
  // Times on the exercise's wall clock, as the clocks above and the injects' progress show them.
  const time = clockIn(useClock(exerciseId).data?.timeZone ?? 'UTC');

  return (
    <Stack gap="xs" component="section" aria-labelledby="control-map-title">
      <Title order={3} id="control-map-title">
        {t('conduct.map.title')}
      </Title>
      <LazyExerciseMap
        venues={venues}
        zones={zones}
        sightings={sightings}
        selectedId={selected}
        onSelect={setSelected}
        height={380}
        label={t('conduct.map.title')}
      />
      {chosen && (
        <Paper withBorder p="sm" data-testid="chosen-sighting" aria-live="polite">
          <Text fw={600}>
            {t(`map.legend.${chosen.kind}`)} · {chosen.author} · {time(chosen.at)}
          </Text>
          {chosen.about && (
            <Text size="sm" c="dimmed">
              {chosen.about}
            </Text>
          )}
          <Text style={{ whiteSpace: 'pre-wrap' }}>{chosen.text}</Text>
        </Paper>
      )}
      {sightings.length === 0 ? (
        <Text c="dimmed">{t(places.data?.observations ? 'conduct.map.none' : 'conduct.map.noReports')}</Text>
      ) : (
        <TableScroll label={t('conduct.map.listLabel')} minWidth={560}>
          <Table striped aria-label={t('conduct.map.listLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('conduct.map.kind')}</Table.Th>
                <Table.Th>{t('conduct.map.who')}</Table.Th>
                <Table.Th>{t('conduct.map.when')}</Table.Th>
                <Table.Th>{t('conduct.map.what')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sightings.map((s) => (
                <Table.Tr key={s.id} aria-selected={s.id === selected}>
                  <Table.Td>{t(`map.legend.${s.kind}`)}</Table.Td>
                  <Table.Td>{s.author}</Table.Td>
                  <Table.Td>{time(s.at)}</Table.Td>
                  <Table.Td>
                    <Button variant="subtle" size="compact-sm" onClick={() => setSelected(s.id)}>
                      {s.text.length > 60 ? `${s.text.slice(0, 60)}…` : s.text}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Stack>
  );
}
