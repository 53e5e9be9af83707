import { Button, Fieldset, Group, NativeSelect, NumberInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddToPlan } from '../../../api/exercises';
import { VENUE_KINDS } from '../../../api/planningTypes';
import { ProblemAlert } from '../../../components/ProblemAlert';

/**
 * A venue by its coordinates. Latitude comes first, as planners read them off a map; the API gets
 * lon/lat named, so the axis order cannot be swapped by accident.
 */
export function AddVenueForm({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  const add = useAddToPlan(exerciseId, 'venues');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string>('school');
  const [address, setAddress] = useState('');
  const [lat, setLat] = useState<number | string>('');
  const [lon, setLon] = useState<number | string>('');

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
          <Group grow align="flex-start">
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
          <ProblemAlert error={add.error} />
          <Button type="submit" loading={add.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('planning.venues.addSubmit')}
          </Button>
        </Stack>
      </Fieldset>
    </form>
  );
}
