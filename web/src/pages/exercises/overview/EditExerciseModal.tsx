import { Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateExercise } from '../../../api/exercises';
import { EXERCISE_HAZARDS } from '../../../api/lessons';
import type { Exercise } from '../../../api/planningTypes';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isConflict } from '../conflict';
import { LocalTimeInput } from '../LocalTimeInput';
import { isoToLocal, localToIso } from '../time';

type TextField =
  'name' | 'city' | 'scope' | 'threat' | 'scenario' | 'sponsor' | 'pointOfContact' | 'handling';
const LONG: readonly TextField[] = ['scope', 'scenario'];
const FIELDS: readonly TextField[] = [
  'name',
  'city',
  'handling',
  'threat',
  'sponsor',
  'pointOfContact',
  'scope',
  'scenario',
];

/**
 * Sends the version this form was opened with: if someone changed the exercise meanwhile, the server
 * refuses and the message says so instead of one planner silently undoing the other.
 */
export function EditExerciseModal({ exercise, onClose }: { exercise: Exercise; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateExercise(exercise.id);
  const [values, setValues] = useState<Record<TextField, string>>(() => {
    const out = {} as Record<TextField, string>;
    for (const f of FIELDS) out[f] = exercise[f] ?? '';
    return out;
  });
  const [hazard, setHazard] = useState<string | null>(exercise.hazard);
  const [startex, setStartex] = useState(isoToLocal(exercise.startex, exercise.timeZone));
  const [endex, setEndex] = useState(isoToLocal(exercise.endex, exercise.timeZone));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const patch: Record<string, string | null> = {};
    for (const f of FIELDS) patch[f] = values[f].trim() || null;
    update.mutate(
      {
        ...patch,
        name: values.name.trim(),
        hazard: hazard as Exercise['hazard'],
        startex: localToIso(startex, exercise.timeZone) ?? startex,
        endex: localToIso(endex, exercise.timeZone) ?? endex,
        version: exercise.version,
      },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('planning.overview.edit')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          {FIELDS.map((f) => {
            const common = {
              label: t(`planning.fields.${f}`),
              value: values[f],
              onChange: (e: { currentTarget: { value: string } }) =>
                setValues({ ...values, [f]: e.currentTarget.value }),
            };
            return LONG.includes(f) ? (
              <Textarea key={f} {...common} autosize minRows={3} maxRows={12} />
            ) : (
              <TextInput key={f} {...common} required={f === 'name'} />
            );
          })}
          <Select
            label={t('lessons.filter.hazard')}
            clearable
            data={EXERCISE_HAZARDS.map((h) => ({ value: h, label: t(`lessons.hazard.${h}`) }))}
            value={hazard}
            onChange={setHazard}
          />
          <Group grow align="flex-start">
            <LocalTimeInput
              label={t('planning.fields.startex')}
              value={startex}
              zone={exercise.timeZone}
              onChange={setStartex}
            />
            <LocalTimeInput
              label={t('planning.fields.endex')}
              value={endex}
              zone={exercise.timeZone}
              onChange={setEndex}
            />
          </Group>
          <ProblemAlert
            error={update.error}
            title={isConflict(update.error) ? t('planning.conflict.title') : undefined}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('planning.overview.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
