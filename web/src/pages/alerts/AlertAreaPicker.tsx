import {
  Alert,
  Button,
  Group,
  NativeSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KZ_REGIONS } from '../../../../src/cap/validate/profiles/kz-regions';
import { circlePolygon } from '../../../../src/core/alert/area';
import type { AlertArea, AlertLanguage } from '../../api/alerts';
import { useBoundaries, useBoundary, type BoundarySummary } from '../../api/boundaries';
import type { EditableGeometry, MapEdit, MapZone, Position } from '../../map';
import { LazyExerciseMap } from '../exercises/venues/LazyExerciseMap';
import { boundaryRing, boxOf, closedRing, ringOf, ringText } from './areaChoice';

export type AreaMode = 'draw' | 'boundary' | 'circle';

/** The area as the PIO is setting it; {@link areaOf} turns it into what the API takes. */
export interface AreaState {
  mode: AreaMode;
  /** The polygon drawn, typed or taken from a boundary, [lon, lat]. */
  ring: Position[];
  /** Bumped whenever the ring is replaced from outside the map, so the map redraws it. */
  session: number;
  boundaryId: string | null;
  circle: { lat: string; lon: string; radiusKm: string };
  region: string;
}

export const EMPTY_AREA: AreaState = {
  mode: 'draw',
  ring: [],
  session: 0,
  boundaryId: null,
  circle: { lat: '', lon: '', radiusKm: '' },
  region: 'KZ-75',
};

export const areaOf = (s: AreaState): AlertArea =>
  s.mode === 'circle'
    ? {
        kind: 'circle',
        lat: Number(s.circle.lat),
        lon: Number(s.circle.lon),
        radiusM: Number(s.circle.radiusKm) * 1000,
        region: s.region,
      }
    : { kind: 'polygon', ring: closedRing(s.ring), region: s.region };

const LANGUAGES: readonly AlertLanguage[] = ['kk', 'ru', 'en'];
const language = (lang: string): AlertLanguage =>
  LANGUAGES.includes(lang as AlertLanguage) ? (lang as AlertLanguage) : 'en';
const LEVEL_ORDER = { city: 0, region: 1, district: 2 } as const;

interface Props {
  value: AreaState;
  onChange: (next: AreaState) => void;
  /** A boundary was picked: its names in each language, for the area's names. */
  onNames: (names: Record<AlertLanguage, string>) => void;
}

/**
 * Where the alert goes: drawn on the map, picked from the boundaries an administrator imported,
 * or a circle placed on the map. A drawn ring is also shown as CAP text, and typing it moves the
 * map, so a polygon from another agency's message can be pasted in and checked by eye.
 */
export function AlertAreaPicker({ value, onChange, onNames }: Props) {
  const { t, i18n } = useTranslation();
  const lang = language(i18n.language);
  const boundaries = useBoundaries();
  // Kept while drawing too, so going back to the place does not replace what was adjusted.
  const boundary = useBoundary(value.boundaryId);
  const [text, setText] = useState(ringText(value.ring));
  const [frame, setFrame] = useState<[number, number, number, number] | null>(() => {
    const { lat, lon, radiusKm } = value.circle;
    if (value.mode !== 'circle' || lat === '' || lon === '') return boxOf(value.ring);
    return boxOf(
      circlePolygon(Number(lon), Number(lat), Number(radiusKm) * 1000).coordinates[0] as Position[],
    );
  });
  const set = (patch: Partial<AreaState>) => onChange({ ...value, ...patch });
  const replaceRing = (ring: Position[], patch: Partial<AreaState> = {}) => {
    onChange({ ...value, ...patch, ring, session: value.session + 1 });
    setFrame(boxOf(ring));
  };

  // A boundary's outline arrives after it is picked; it becomes the ring, its region and names follow.
  const picked = boundary.data;
  const pickedRing = useMemo(() => (picked ? boundaryRing(picked.geometry) : null), [picked]);
  useEffect(() => {
    if (!picked || !pickedRing || picked.id !== value.boundaryId) return;
    // The served alert ring covers the whole outline in as many points as CAP receivers take.
    const ring = picked.alertRing?.ring ?? ('ring' in pickedRing ? pickedRing.ring : []);
    setText(ringText(ring));
    replaceRing(ring, { region: picked.region });
    if ('ring' in pickedRing) onNames(picked.names);
    // Only a newly arrived boundary replaces the ring; later edits to the state do not.
  }, [picked?.id]);

  const regions = useMemo(
    () =>
      [...KZ_REGIONS]
        .sort((a, b) =>
          a.kind === b.kind ? a[lang].localeCompare(b[lang], lang) : a.kind === 'city' ? -1 : 1,
        )
        .map((r) => ({ value: r.code, label: r[lang] })),
    [lang],
  );
  const places = useMemo(
    () =>
      [...(boundaries.data?.items ?? [])]
        .sort(
          (a, b) =>
            LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.names[lang].localeCompare(b.names[lang], lang),
        )
        .map((b: BoundarySummary) => ({
          value: b.id,
          label: `${b.names[lang]} · ${t(`alerts.composer.level.${b.level}`)}${b.approximate ? ` · ${t('alerts.composer.approximateShort')}` : ''}`,
        })),
    [boundaries.data, lang, t],
  );

  const centre: Position | null =
    value.circle.lat !== '' &&
    value.circle.lon !== '' &&
    Number.isFinite(Number(value.circle.lat)) &&
    Number.isFinite(Number(value.circle.lon))
      ? [Number(value.circle.lon), Number(value.circle.lat)]
      : null;
  const radiusM = Number(value.circle.radiusKm) * 1000;
  const zones: MapZone[] = [];
  if (value.mode === 'boundary' && picked)
    zones.push({
      id: picked.id,
      name: picked.names[lang],
      kind: 'cordon',
      geometry: picked.geometry,
      label: picked.names[lang],
    });
  if (value.mode === 'circle' && centre && radiusM > 0)
    zones.push({
      id: 'circle',
      name: t('alerts.composer.circle'),
      kind: 'cordon',
      geometry: circlePolygon(centre[0], centre[1], radiusM) as never,
    });

  const edit: MapEdit | null =
    value.mode === 'draw'
      ? {
          kind: 'polygon',
          initial: value.ring.length >= 3 ? { type: 'Polygon', coordinates: [closedRing(value.ring)] } : null,
          session: `ring-${value.session}`,
        }
      : value.mode === 'circle'
        ? {
            kind: 'point',
            initial: centre ? { type: 'Point', coordinates: centre } : null,
            session: `centre-${value.session}`,
          }
        : null;

  const drawn = (g: EditableGeometry | null) => {
    if (g?.type === 'Point') {
      const [lon, lat] = g.coordinates;
      set({ circle: { ...value.circle, lat: lat.toFixed(5), lon: lon.toFixed(5) } });
    } else if (g?.type === 'Polygon') {
      const ring = g.coordinates[0] ?? [];
      set({ ring });
      setText(ringText(ring));
    } else if (g === null && value.mode === 'draw') {
      set({ ring: [] });
      setText('');
    }
  };
  const typed = (next: string) => {
    setText(next);
    const ring = ringOf(next);
    if (ring && ring.length >= 4) replaceRing(ring);
  };
  const circleTyped = (field: 'lat' | 'lon' | 'radiusKm', v: string) => {
    const circle = { ...value.circle, [field]: v };
    onChange({ ...value, circle, session: field === 'radiusKm' ? value.session : value.session + 1 });
    const lat = Number(circle.lat);
    const lon = Number(circle.lon);
    const r = Number(circle.radiusKm) * 1000;
    if (circle.lat !== '' && circle.lon !== '' && Number.isFinite(lat) && Number.isFinite(lon))
      setFrame(boxOf(r > 0 ? (circlePolygon(lon, lat, r).coordinates[0] as Position[]) : [[lon, lat]]));
  };

  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <div>
          <Text size="sm" fw={500} mb={4} id="alert-area-mode">
            {t('alerts.composer.areaKind')}
          </Text>
          <SegmentedControl
            aria-labelledby="alert-area-mode"
            value={value.mode}
            onChange={(m) => set({ mode: m as AreaMode })}
            data={(['draw', 'boundary', 'circle'] as const).map((m) => ({
              value: m,
              label: t(`alerts.composer.mode.${m}`),
            }))}
          />
        </div>
        <NativeSelect
          label={t('alerts.composer.region')}
          description={t('alerts.composer.regionHelp')}
          value={value.region}
          onChange={(e) => set({ region: e.currentTarget.value })}
          data={regions}
        />
      </SimpleGrid>
      {value.mode === 'boundary' && (
        <BoundaryChoice
          value={value.boundaryId}
          places={places}
          empty={boundaries.isSuccess && places.length === 0}
          onPick={(id) => (id ? set({ boundaryId: id }) : replaceRing([], { boundaryId: null }))}
          approximate={picked?.approximate ?? false}
          shape={pickedRing}
          simplified={picked?.alertRing?.simplified ? picked.alertRing : null}
          onAdjust={() => replaceRing(value.ring, { mode: 'draw' })}
        />
      )}
      <LazyExerciseMap
        height={360}
        label={t('alerts.composer.mapLabel')}
        legend={false}
        zones={zones}
        edit={edit}
        onChange={drawn}
        frame={frame}
      />
      {value.mode === 'draw' && (
        <Group align="end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={t('alerts.composer.polygonPoints')}
            description={t('alerts.composer.polygonHelp')}
            value={text}
            onChange={(e) => typed(e.currentTarget.value)}
            error={
              text.trim() !== '' && ringOf(text) === null ? t('alerts.composer.polygonUnreadable') : undefined
            }
          />
          <Button
            variant="default"
            onClick={() => {
              setText('');
              replaceRing([]);
            }}
          >
            {t('alerts.composer.clear')}
          </Button>
        </Group>
      )}
      {value.mode === 'circle' && (
        <SimpleGrid cols={3}>
          {(['lat', 'lon', 'radiusKm'] as const).map((f) => (
            <TextInput
              key={f}
              label={t(`alerts.composer.${f}`)}
              value={value.circle[f]}
              onChange={(e) => circleTyped(f, e.currentTarget.value)}
            />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function BoundaryChoice(props: {
  value: string | null;
  places: { value: string; label: string }[];
  empty: boolean;
  onPick: (id: string | null) => void;
  approximate: boolean;
  shape: ReturnType<typeof boundaryRing> | null;
  simplified: { from: number; points: number } | null;
  onAdjust: () => void;
}) {
  const { t } = useTranslation();
  const { shape } = props;
  return (
    <Stack gap={4}>
      <Select
        label={t('alerts.composer.place')}
        placeholder={t('alerts.composer.placeSearch')}
        searchable
        clearable
        allowDeselect={false}
        limit={50}
        nothingFoundMessage={t('alerts.composer.placeNone')}
        data={props.places}
        value={props.value}
        onChange={props.onPick}
      />
      {props.empty && (
        <Text size="sm" c="dimmed">
          {t('alerts.composer.noBoundaries')}
        </Text>
      )}
      {props.approximate && (
        <Alert color="yellow" p="xs">
          {t('alerts.composer.approximate')}
        </Alert>
      )}
      {shape && 'parts' in shape && (
        <Alert color="red" p="xs">
          {t('alerts.composer.parts', { count: shape.parts })}
        </Alert>
      )}
      {shape && 'holes' in shape && shape.holes > 0 && (
        <Text size="sm">{t('alerts.composer.holes', { count: shape.holes })}</Text>
      )}
      {props.simplified && (
        <Text size="sm" data-testid="alert-area-simplified">
          {t('alerts.composer.simplified', { from: props.simplified.from, points: props.simplified.points })}
        </Text>
      )}
      {shape && 'ring' in shape && (
        <Group>
          <Button variant="default" size="xs" onClick={props.onAdjust}>
            {t('alerts.composer.adjust')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
