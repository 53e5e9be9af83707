import { Button, Group, NativeSelect, Paper, Select, SimpleGrid, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ALERT_STATUSES,
  HAZARDS,
  useCreateAlert,
  useSubmitAlert,
  type AlertStatus,
  type Hazard,
} from '../../api/alerts';
import { useExercises } from '../../api/exercises';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AlertAreaPicker, EMPTY_AREA, areaOf, type AreaState } from './AlertAreaPicker';
import { AlertStatusBanner } from './AlertStatusBanner';
import { AreaNamesAndExpiry, localInput } from './AreaNamesAndExpiry';

const inHours = (h: number) => localInput(new Date(Date.now() + h * 3_600_000));

/**
 * Composing an alert from a hazard template: the status first, shown as a banner that looks like
 * nothing else; the area drawn, picked from the imported boundaries or set as a circle, with its
 * region; the area's name in each language (a picked boundary fills them). Submitting puts it in the approval queue.
 */
export function AlertComposer() {
  const { t } = useTranslation();
  const create = useCreateAlert();
  const submit = useSubmitAlert();
  const [status, setStatus] = useState<AlertStatus>('Actual');
  const [hazard, setHazard] = useState<Hazard>('earthquake');
  const [exerciseId, setExerciseId] = useState('');
  const [audience, setAudience] = useState<'public' | 'exercise'>('exercise');
  const [area, setArea] = useState<AreaState>(EMPTY_AREA);
  const [names, setNames] = useState({ kk: '', ru: '', en: '' });
  const [expires, setExpires] = useState(inHours(6));
  const drill = status === 'Exercise' || status === 'Test';
  const exercises = useExercises({});

  const send = async () => {
    const a = await create.mutateAsync({
      status,
      hazard,
      exerciseId: drill ? exerciseId.trim() || null : null,
      ...(drill ? { audience } : {}),
      area: areaOf(area),
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
            <Select
              label={t('alerts.composer.exercise')}
              placeholder={t('alerts.composer.exercisePick')}
              searchable
              limit={50}
              data={(exercises.data?.items ?? [])
                .filter((e) => e.status !== 'archived' && e.status !== 'evaluated')
                .map((e) => ({ value: e.id, label: e.name }))}
              value={exerciseId || null}
              onChange={(id) => setExerciseId(id ?? '')}
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
        <AlertAreaPicker value={area} onChange={setArea} onNames={setNames} />
        <AreaNamesAndExpiry names={names} onNames={setNames} expires={expires} onExpires={setExpires} />
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
