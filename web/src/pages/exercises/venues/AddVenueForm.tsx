import { Button, Fieldset, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddToPlan } from '../../../api/exercises';
import { VENUE_KINDS } from '../../../api/planningTypes';
import { ProblemAlert } from '../../../components/ProblemAlert';

interface Props {
  exerciseId: string;
  /** Whether the map is waiting for a click that places this venue. */
  picking: boolean;
  /** The point placed on the map, [lon, lat]. */
  picked: [number, number] | null;
  onPick: (on: boolean) => void;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * A venue placed on the map or typed as coordinates. Latitude comes first, as people read them
 * off a map; the API gets lon and lat by name, so the axis order cannot be swapped by accident.
 */
export function AddVenueForm({ exerciseId, picking, picked, onPick }: Props) {
  const { t } = useTranslation();
  const add = useAddToPlan(exerciseId, 'venues');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string>('school');
  const [address, setAddress] = useState('');
  const [lat, setLat] = useState<number | string>('');
  const [lon, setLon] = useState<number | string>('');

  useEffect(() => {
    if (!picked) return;
    setLon(round(picked[0]));
    setLat(round(picked[1]));
  }, [picked]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      {
        name: name.trim(),
        kind,
        address: address.trim() || null,
        point: { lat: Number(lat), lon: Number(lon) },
      },
      {
        onSuccess: () => {
          setName('');
          setAddress('');
          setLat('');
          setLon('');
          onPick(false);
        },
      },
    );
  };

  return (
    <form onSubmit={submit}>
      <Fieldset legend={t('planning.venues.add')} maw={760}>
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
            <Button variant={picking ? 'filled' : 'default'} onClick={() => onPick(!picking)}>
              {picking ? t('planning.venues.stopPicking') : t('planning.venues.pick')}
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
          {picking && <Text size="sm">{t('planning.venues.pickHint')}</Text>}
          <ProblemAlert error={add.error} />
          <Button type="submit" loading={add.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('planning.venues.addSubmit')}
          </Button>
        </Stack>
      </Fieldset>
    </form>
  );
}
