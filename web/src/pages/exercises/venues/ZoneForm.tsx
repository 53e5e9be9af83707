import { Button, Fieldset, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddToPlan, useReplaceInPlan } from '../../../api/exercises';
import { ZONE_KINDS, type ExercisePlan, type Geometry, type Zone } from '../../../api/planningTypes';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { DrawKind } from '../../../map';
import { LocalTimeInput } from '../LocalTimeInput';
import { isoToLocal, localToIso } from '../time';
import { editable, type DrawRequest } from './drawing';

interface Props {
  plan: ExercisePlan;
  /** The zone to change; without it the form adds a new one. */
  zone?: Zone | null;
  /** What the map is drawing for this form, if anything. */
  drawing: DrawKind | null;
  onDraw: (request: DrawRequest | null) => void;
  onDone: () => void;
}

/** Road closures and evacuation routes are lines; cordons and zones are areas. */
const drawKindOf = (kind: string): 'line' | 'polygon' =>
  kind === 'road-closure' || kind === 'evacuation-route' ? 'line' : 'polygon';

/**
 * A zone, cordon or road closure drawn on the map, with its own time window typed in the exercise's
 * time zone (named beside the fields), and its shape redrawn or edited vertex by vertex.
 */
export function ZoneForm({ plan, zone = null, drawing, onDraw, onDone }: Props) {
  const { t } = useTranslation();
  const exerciseId = plan.exercise.id;
  const add = useAddToPlan(exerciseId, 'zones');
  const replace = useReplaceInPlan(exerciseId, 'zones');
  const save = zone ? replace : add;
  const tz = plan.exercise.timeZone;
  const [name, setName] = useState(zone?.name ?? '');
  const [kind, setKind] = useState<string>(zone?.kind ?? 'road-closure');
  const [road, setRoad] = useState(zone?.road ?? '');
  const [startsAt, setStartsAt] = useState(zone?.startsAt ? isoToLocal(zone.startsAt, tz) : '');
  const [endsAt, setEndsAt] = useState(zone?.endsAt ? isoToLocal(zone.endsAt, tz) : '');
  const [shape, setShape] = useState<Geometry | null>(zone?.geometry ?? null);
  const session = zone?.id ?? 'new-zone';

  const draw = (k: 'line' | 'polygon', from: Geometry | null) => {
    const initial = editable(from);
    onDraw({
      kind: k,
      session: `${session}:${k}`,
      initial: initial && drawKindOf(kind) === k ? initial : null,
      onChange: setShape,
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!shape) return;
    const input = {
      name: name.trim(),
      kind,
      venueId: zone?.venueId ?? null,
      geometry: shape,
      road: road.trim() || null,
      startsAt: startsAt ? localToIso(startsAt, tz) : null,
      endsAt: endsAt ? localToIso(endsAt, tz) : null,
      notes: zone?.notes ?? null,
    };
    const done = () => {
      onDraw(null);
      onDone();
      if (zone) return;
      setName('');
      setRoad('');
      setShape(null);
    };
    if (zone) replace.mutate({ itemId: zone.id, input }, { onSuccess: done });
    else add.mutate(input, { onSuccess: done });
  };

  return (
    <form onSubmit={submit}>
      <Fieldset
        legend={zone ? t('planning.zones.edit', { name: zone.name }) : t('planning.zones.add')}
        maw={960}
      >
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
                const next = e.currentTarget.value;
                setKind(next);
                // A line cannot become a cordon's area: a new kind of shape is drawn afresh.
                if (drawKindOf(next) !== drawKindOf(kind)) {
                  setShape(null);
                  if (drawing)
                    onDraw({
                      kind: drawKindOf(next),
                      session: `${session}:${next}`,
                      initial: null,
                      onChange: setShape,
                    });
                }
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
              zone={tz}
              required={false}
              onChange={setStartsAt}
            />
            <LocalTimeInput
              label={t('planning.zones.endsAt')}
              value={endsAt}
              zone={tz}
              required={false}
              onChange={setEndsAt}
            />
          </Group>
          <Group>
            <Button
              variant={drawing ? 'filled' : 'default'}
              onClick={() => (drawing ? onDraw(null) : draw(drawKindOf(kind), shape))}
            >
              {drawing
                ? t('planning.zones.stopDrawing')
                : zone
                  ? t('planning.zones.editShape')
                  : t('planning.zones.draw')}
            </Button>
            {zone && !drawing && (
              <Button variant="default" onClick={() => draw(drawKindOf(kind), null)}>
                {t('planning.zones.redraw')}
              </Button>
            )}
            <Text size="sm" aria-live="polite">
              {shape ? t('planning.zones.drawn') : t('planning.zones.notDrawn')}
            </Text>
          </Group>
          <ProblemAlert error={save.error} />
          <Group>
            <Button type="submit" disabled={!shape} loading={save.isPending}>
              {zone ? t('planning.zones.save') : t('planning.zones.addSubmit')}
            </Button>
            {zone && (
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
