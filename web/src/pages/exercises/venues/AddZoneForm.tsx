import { Button, Fieldset, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddToPlan } from '../../../api/exercises';
import { ZONE_KINDS, type ExercisePlan } from '../../../api/planningTypes';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { EditableGeometry } from '../../../map';
import { LocalTimeInput } from '../LocalTimeInput';
import { localToIso } from '../time';

interface Props {
  plan: ExercisePlan;
  /** What the map is drawing for this form, if anything. */
  drawingKind: 'line' | 'polygon' | null;
  shape: EditableGeometry | null;
  onDraw: (kind: 'line' | 'polygon' | null) => void;
}

/** Road closures and evacuation routes are lines; cordons and zones are areas. */
const drawKindOf = (kind: string): 'line' | 'polygon' =>
  kind === 'road-closure' || kind === 'evacuation-route' ? 'line' : 'polygon';

/** A zone, cordon or road closure drawn on the map, with its own time window in the exercise's zone. */
export function AddZoneForm({ plan, drawingKind, shape, onDraw }: Props) {
  const { t } = useTranslation();
  const add = useAddToPlan(plan.exercise.id, 'zones');
  const zone = plan.exercise.timeZone;
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string>('road-closure');
  const [road, setRoad] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!shape) return;
    add.mutate(
      {
        name: name.trim(),
        kind,
        geometry: shape,
        road: road.trim() || null,
        startsAt: startsAt ? localToIso(startsAt, zone) : null,
        endsAt: endsAt ? localToIso(endsAt, zone) : null,
      },
      {
        onSuccess: () => {
          setName('');
          setRoad('');
          onDraw(null);
        },
      },
    );
  };

  return (
    <form onSubmit={submit}>
      <Fieldset legend={t('planning.zones.add')} maw={960}>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label={t('planning.zones.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('planning.zones.kind')}
              value={kind}
              data={ZONE_KINDS.map((k) => ({ value: k, label: t(`planning.zoneKinds.${k}`) }))}
              onChange={(e) => {
                setKind(e.currentTarget.value);
                if (drawingKind) onDraw(drawKindOf(e.currentTarget.value));
              }}
            />
            <TextInput
              label={t('planning.zones.road')}
              value={road}
              onChange={(e) => setRoad(e.currentTarget.value)}
            />
          </Group>
          <Group grow align="flex-start">
            <LocalTimeInput
              label={t('planning.zones.startsAt')}
              value={startsAt}
              zone={zone}
              required={false}
              onChange={setStartsAt}
            />
            <LocalTimeInput
              label={t('planning.zones.endsAt')}
              value={endsAt}
              zone={zone}
              required={false}
              onChange={setEndsAt}
            />
          </Group>
          <Group>
            <Button
              variant={drawingKind ? 'filled' : 'default'}
              onClick={() => onDraw(drawingKind ? null : drawKindOf(kind))}
            >
              {drawingKind ? t('planning.zones.stopDrawing') : t('planning.zones.draw')}
            </Button>
            <Text size="sm">{shape ? t('planning.zones.drawn') : t('planning.zones.notDrawn')}</Text>
          </Group>
          <ProblemAlert error={add.error} />
          <Button type="submit" disabled={!shape} loading={add.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('planning.zones.addSubmit')}
          </Button>
        </Stack>
      </Fieldset>
    </form>
  );
}
