import { Button, Fieldset, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddToPlan, useReplaceInPlan } from '../../../api/exercises';
import { VENUE_KINDS, type Geometry, type Venue } from '../../../api/planningTypes';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { DrawKind } from '../../../map';
import { editable, type DrawRequest } from './drawing';

interface Props {
  exerciseId: string;
  /** The venue to change; without it the form adds a new one. */
  venue?: Venue | null;
  /** What the map is drawing for this form: its point, its footprint, or nothing. */
  drawing: DrawKind | null;
  onDraw: (request: DrawRequest | null) => void;
  onDone: () => void;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * A venue placed on the map or typed as coordinates, with an optional footprint drawn on the map.
 * Latitude comes first, as people read them off a map; the API gets lon and lat by name, so the
 * axis order cannot be swapped by accident.
 */
export function VenueForm({ exerciseId, venue = null, drawing, onDraw, onDone }: Props) {
  const { t } = useTranslation();
  const add = useAddToPlan(exerciseId, 'venues');
  const replace = useReplaceInPlan(exerciseId, 'venues');
  const save = venue ? replace : add;
  const [name, setName] = useState(venue?.name ?? '');
  const [kind, setKind] = useState<string>(venue?.kind ?? 'school');
  const [address, setAddress] = useState(venue?.address ?? '');
  const [lat, setLat] = useState<number | string>(venue?.point.lat ?? '');
  const [lon, setLon] = useState<number | string>(venue?.point.lon ?? '');
  const [footprint, setFootprint] = useState<Geometry | null>(venue?.footprint ?? null);
  const session = venue?.id ?? 'new-venue';

  const drawPoint = () =>
    onDraw({
      kind: 'point',
      session: `${session}:point`,
      initial: lat !== '' && lon !== '' ? { type: 'Point', coordinates: [Number(lon), Number(lat)] } : null,
      onChange: (g) => {
        if (g?.type !== 'Point') return;
        setLon(round(g.coordinates[0]));
        setLat(round(g.coordinates[1]));
      },
    });
  const drawFootprint = () =>
    onDraw({
      kind: 'polygon',
      session: `${session}:footprint`,
      initial: editable(footprint),
      onChange: (g) => setFootprint(g),
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      name: name.trim(),
      kind,
      address: address.trim() || null,
      point: { lat: Number(lat), lon: Number(lon) },
      footprint,
    };
    const done = () => {
      onDraw(null);
      onDone();
      if (venue) return;
      setName('');
      setAddress('');
      setLat('');
      setLon('');
      setFootprint(null);
    };
    if (venue) replace.mutate({ itemId: venue.id, input }, { onSuccess: done });
    else add.mutate(input, { onSuccess: done });
  };

  const footprintState = drawing === 'polygon' ? 'drawing' : footprint ? 'drawn' : 'none';
  return (
    <form onSubmit={submit}>
      <Fieldset
        legend={venue ? t('planning.venues.edit', { name: venue.name }) : t('planning.venues.add')}
        maw={760}
      >
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label={t('planning.venues.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('planning.venues.kind')}
              value={kind}
              data={VENUE_KINDS.map((k) => ({ value: k, label: t(`planning.venueKinds.${k}`) }))}
              onChange={(e) => setKind(e.currentTarget.value)}
            />
          </Group>
          <TextInput
            label={t('planning.venues.address')}
            value={address}
            onChange={(e) => setAddress(e.currentTarget.value)}
          />
          <Group align="flex-end" wrap="wrap">
            <Button
              variant={drawing === 'point' ? 'filled' : 'default'}
              onClick={() => (drawing === 'point' ? onDraw(null) : drawPoint())}
            >
              {drawing === 'point'
                ? t('planning.venues.stopPicking')
                : venue
                  ? t('planning.venues.move')
                  : t('planning.venues.pick')}
            </Button>
            <NumberInput
              label={t('planning.venues.lat')}
              required
              min={-90}
              max={90}
              decimalScale={6}
              value={lat}
              onChange={setLat}
            />
            <NumberInput
              label={t('planning.venues.lon')}
              required
              min={-180}
              max={180}
              decimalScale={6}
              value={lon}
              onChange={setLon}
            />
          </Group>
          {drawing === 'point' && (
            <Text size="sm">{venue ? t('planning.venues.moveHint') : t('planning.venues.pickHint')}</Text>
          )}
          <Group align="center" wrap="wrap">
            <Button
              variant={drawing === 'polygon' ? 'filled' : 'default'}
              onClick={() => (drawing === 'polygon' ? onDraw(null) : drawFootprint())}
            >
              {drawing === 'polygon'
                ? t('planning.venues.footprintDone')
                : footprint
                  ? t('planning.venues.footprintEdit')
                  : t('planning.venues.footprintDraw')}
            </Button>
            {footprint && (
              <Button
                variant="subtle"
                color="red"
                onClick={() => {
                  if (drawing === 'polygon') onDraw(null);
                  setFootprint(null);
                }}
              >
                {t('planning.venues.footprintClear')}
              </Button>
            )}
            <Text size="sm" aria-live="polite">
              {t(`planning.venues.footprintState.${footprintState}`)}
            </Text>
          </Group>
          <ProblemAlert error={save.error} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {venue ? t('planning.venues.save') : t('planning.venues.addSubmit')}
            </Button>
            {venue && (
              <Button
                variant="default"
                onClick={() => {
                  onDraw(null);
                  onDone();
                }}
              >
                {t('common.cancel')}
              </Button>
            )}
          </Group>
        </Stack>
      </Fieldset>
    </form>
  );
}
