import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ALERT_STATUSES,
  HAZARDS,
  useCreateAlert,
  useSubmitAlert,
  type AlertArea,
  type AlertStatus,
  type Hazard,
} from '../../api/alerts';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AlertStatusBanner } from './AlertStatusBanner';

/** "lat,lon lat,lon …" as CAP writes a polygon, to [lon, lat] positions. */
function ringOf(text: string): [number, number][] {
  return text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => {
      const [lat, lon] = pair.split(',').map(Number);
      return [lon ?? NaN, lat ?? NaN];
    });
}

const inHours = (h: number) => {
  const d = new Date(Date.now() + h * 3_600_000);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/**
 * Composing an alert from a hazard template: the status first, shown as a banner that looks like
 * nothing else; the area as a CAP polygon or a circle with its region; the area's name in each
 * language. Submitting puts it in the approval queue.
 */
export function AlertComposer() {
  const { t } = useTranslation();
  const create = useCreateAlert();
  const submit = useSubmitAlert();
  const [status, setStatus] = useState<AlertStatus>('Actual');
  const [hazard, setHazard] = useState<Hazard>('earthquake');
  const [exerciseId, setExerciseId] = useState('');
  const [audience, setAudience] = useState<'public' | 'exercise'>('exercise');
  const [kind, setKind] = useState<'polygon' | 'circle'>('polygon');
  const [polygon, setPolygon] = useState('');
  const [circle, setCircle] = useState({ lat: '', lon: '', radiusKm: '' });
  const [region, setRegion] = useState('KZ-75');
  const [names, setNames] = useState({ kk: '', ru: '', en: '' });
  const [expires, setExpires] = useState(inHours(6));
  const drill = status === 'Exercise' || status === 'Test';

  const area = (): AlertArea =>
    kind === 'polygon'
      ? { kind, ring: ringOf(polygon), region }
      : {
          kind,
          lat: Number(circle.lat),
          lon: Number(circle.lon),
          radiusM: Number(circle.radiusKm) * 1000,
          region,
        };

  const send = async () => {
    const a = await create.mutateAsync({
      status,
      hazard,
      exerciseId: drill ? exerciseId.trim() || null : null,
      ...(drill ? { audience } : {}),
      area: area(),
      areaNames: names,
      expiresAt: new Date(expires).toISOString(),
    });
    await submit.mutateAsync(a);
  };

  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          {t('alerts.composer.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('alerts.composer.status')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as AlertStatus)}
            data={ALERT_STATUSES.map((s) => ({ value: s, label: t(`alerts.status.${s}.short`) }))}
          />
          <NativeSelect
            label={t('alerts.composer.hazard')}
            value={hazard}
            onChange={(e) => setHazard(e.currentTarget.value as Hazard)}
            data={HAZARDS.map((h) => ({ value: h, label: t(`alerts.hazard.${h}`) }))}
          />
        </SimpleGrid>
        <AlertStatusBanner status={status} />
        {drill && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('alerts.composer.exercise')}
              value={exerciseId}
              onChange={(e) => setExerciseId(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('alerts.composer.audience')}
              value={audience}
              onChange={(e) => setAudience(e.currentTarget.value as 'public' | 'exercise')}
              data={[
                { value: 'exercise', label: t('alerts.audience.exercise') },
                { value: 'public', label: t('alerts.audience.public') },
              ]}
            />
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('alerts.composer.areaKind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as 'polygon' | 'circle')}
            data={[
              { value: 'polygon', label: t('alerts.composer.polygon') },
              { value: 'circle', label: t('alerts.composer.circle') },
            ]}
          />
          <TextInput
            label={t('alerts.composer.region')}
            value={region}
            onChange={(e) => setRegion(e.currentTarget.value)}
          />
        </SimpleGrid>
        {kind === 'polygon' ? (
          <TextInput
            label={t('alerts.composer.polygonPoints')}
            description={t('alerts.composer.polygonHelp')}
            value={polygon}
            onChange={(e) => setPolygon(e.currentTarget.value)}
          />
        ) : (
          <SimpleGrid cols={3}>
            {(['lat', 'lon', 'radiusKm'] as const).map((f) => (
              <TextInput
                key={f}
                label={t(`alerts.composer.${f}`)}
                value={circle[f]}
                onChange={(e) => setCircle({ ...circle, [f]: e.currentTarget.value })}
              />
            ))}
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {(['kk', 'ru', 'en'] as const).map((l) => (
            <TextInput
              key={l}
              label={t(`alerts.composer.areaName.${l}`)}
              value={names[l]}
              onChange={(e) => setNames({ ...names, [l]: e.currentTarget.value })}
            />
          ))}
        </SimpleGrid>
        <TextInput
          type="datetime-local"
          label={t('alerts.composer.expires')}
          value={expires}
          onChange={(e) => setExpires(e.currentTarget.value)}
        />
        <Group>
          <Button
            onClick={() => void send().catch(() => undefined)}
            loading={create.isPending || submit.isPending}
          >
            {t('alerts.composer.submit')}
          </Button>
        </Group>
        <ProblemAlert error={create.error ?? submit.error} />
      </Stack>
    </Paper>
  );
}
