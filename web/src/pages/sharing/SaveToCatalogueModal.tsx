import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useExercises } from '../../api/exercises';
import { useMsel } from '../../api/msel';
import { useSaveEventToCatalogue } from '../../api/sharing';
import { ProblemAlert } from '../../components/ProblemAlert';

/** Saves one MSEL event for reuse: pick the exercise, then the event; the hazard defaults to its threat. */
export function SaveToCatalogueModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const exercises = useExercises({});
  const [exerciseId, setExerciseId] = useState('');
  const [eventId, setEventId] = useState('');
  const [hazard, setHazard] = useState('');
  const msel = useMsel(exerciseId, exerciseId !== '');
  const save = useSaveEventToCatalogue();

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('sharing.catalogue.saveTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(
            { fromExercise: exerciseId, fromEvent: eventId, hazard: hazard.trim() || undefined },
            { onSuccess: onClose },
          );
        }}
      >
        <Stack>
          <NativeSelect
            label={t('sharing.catalogue.exercise')}
            required
            value={exerciseId}
            onChange={(e) => {
              setExerciseId(e.currentTarget.value);
              setEventId('');
            }}
            data={[
              { value: '', label: t('sharing.catalogue.chooseExercise') },
              ...(exercises.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })),
            ]}
          />
          <NativeSelect
            label={t('sharing.catalogue.event')}
            required
            disabled={!msel.data}
            value={eventId}
            onChange={(e) => setEventId(e.currentTarget.value)}
            data={[
              { value: '', label: t('sharing.catalogue.chooseEvent') },
              ...(msel.data?.events ?? []).map((ev) => ({
                value: ev.id,
                label: `${ev.number}. ${ev.title}`,
              })),
            ]}
          />
          <TextInput
            label={t('sharing.catalogue.hazard')}
            description={t('sharing.catalogue.hazardHint')}
            value={hazard}
            onChange={(e) => setHazard(e.currentTarget.value)}
          />
          <ProblemAlert error={save.error ?? msel.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!exerciseId || !eventId}>
              {t('sharing.catalogue.saveSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
