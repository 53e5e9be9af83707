import { Button, FileInput, Group, MultiSelect, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObservationForm as FormData } from '../../../api/observations';
import { enqueue, flush } from './queue';
import { shrinkPhoto } from './photo';

/**
 * The evaluator's form, made for a phone: one column, large targets. Saving puts the observation on
 * the device first, stamped with the instant it was written and its own id, then tries to send it;
 * without a network it waits in the queue below and goes when the network returns.
 */
export function ObservationForm({ form, onSent }: { form: FormData; onSent: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [teamId, setTeamId] = useState<string | null>(form.assigned.teamIds[0] ?? null);
  const [venueId, setVenueId] = useState<string | null>(form.assigned.venueIds[0] ?? null);
  const [taskIds, setTaskIds] = useState<string[]>([]);
  const [objectiveIds, setObjectiveIds] = useState<string[]>([]);
  const [place, setPlace] = useState<{ lon: number; lat: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [photo, setPhoto] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const mine = new Set([...form.assigned.teamIds, ...form.assigned.venueIds]);
  // The evaluator's own teams and venues first, marked as theirs.
  const venues = [
    ...form.venues
      .filter((x) => mine.has(x.id))
      .map((x) => ({ value: x.id, label: t('observations.mine', { name: x.name }) })),
    ...form.venues.filter((x) => !mine.has(x.id)).map((x) => ({ value: x.id, label: x.name })),
  ];
  const teams = [
    ...form.teams
      .filter((x) => mine.has(x.id))
      .map((x) => ({ value: x.id, label: t('observations.mine', { name: x.name }) })),
    ...form.teams.filter((x) => !mine.has(x.id)).map((x) => ({ value: x.id, label: x.name })),
  ];
  const tasks = form.objectives
    .filter((o) => o.criticalTasks.length)
    .map((o) => ({
      group: o.text,
      items: o.criticalTasks.map((k) => ({ value: k.id, label: k.text })),
    }));

  const locate = () => {
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPlace({ lon: p.coords.longitude, lat: p.coords.latitude });
        setLocating(false);
      },
      () => {
        setProblem(t('observations.noPlace'));
        setLocating(false);
      },
      { timeout: 15_000 },
    );
  };

  const save = async () => {
    setProblem(null);
    if (!text.trim()) {
      setProblem(t('observations.textNeeded'));
      return;
    }
    setSaving(true);
    try {
      // An objective is linked by its tasks too: a task chosen brings its objective along.
      const fromTasks = form.objectives
        .filter((o) => o.criticalTasks.some((k) => taskIds.includes(k.id)))
        .map((o) => o.id);
      enqueue({
        id: crypto.randomUUID(),
        exerciseId: form.exerciseId,
        body: {
          observedAt: new Date().toISOString(),
          text,
          teamId,
          venueId,
          objectiveIds: [...new Set([...objectiveIds, ...fromTasks])],
          criticalTaskIds: taskIds,
          place,
          photo: photo ? await shrinkPhoto(photo) : null,
        },
      });
      setText('');
      setTaskIds([]);
      setObjectiveIds([]);
      setPhoto(null);
      setPlace(null);
      void flush().then((n) => n > 0 && onSent());
    } catch {
      setProblem(t('observations.noRoom'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={(e) => (e.preventDefault(), void save())}>
      <Stack>
        <Text fw={700}>{t('observations.new')}</Text>
        <Textarea
          label={t('observations.text')}
          description={t('observations.textHelp')}
          autosize
          minRows={4}
          maxLength={4000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          required
        />
        <Select label={t('observations.team')} data={teams} value={teamId} onChange={setTeamId} clearable />
        <Select
          label={t('observations.venue')}
          data={venues}
          value={venueId}
          onChange={setVenueId}
          clearable
        />
        <MultiSelect
          label={t('observations.tasks')}
          data={tasks}
          value={taskIds}
          onChange={setTaskIds}
          searchable
          clearable
          nothingFoundMessage={t('observations.noTasks')}
        />
        <MultiSelect
          label={t('observations.objectives')}
          data={form.objectives.map((o) => ({ value: o.id, label: o.text }))}
          value={objectiveIds}
          onChange={setObjectiveIds}
          clearable
        />
        <Group gap="xs">
          <Button variant="default" onClick={locate} loading={locating}>
            {place ? t('observations.placeAgain') : t('observations.place')}
          </Button>
          {place && (
            <Text size="sm" ff="monospace">
              {place.lat.toFixed(5)}, {place.lon.toFixed(5)}
            </Text>
          )}
        </Group>
        <FileInput
          label={t('observations.photo')}
          accept="image/jpeg,image/png,image/webp"
          capture="environment"
          value={photo}
          onChange={setPhoto}
          clearable
          description={t('observations.photoPick')}
        />
        {problem && (
          <Text c="red.8" role="alert">
            {problem}
          </Text>
        )}
        <Button type="submit" size="md" loading={saving}>
          {t('observations.save')}
        </Button>
      </Stack>
    </Paper>
  );
}
