import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCreateExercise } from '../../api/exercises';
import { EXERCISE_TYPES, type ExerciseType, type Programme } from '../../api/planningTypes';
import { ProblemAlert } from '../../components/ProblemAlert';
import { LocalTimeInput } from './LocalTimeInput';
import { DEFAULT_ZONE, localToIso, timeZones } from './time';
import { isHomeZone, zoneName } from '../../i18n/zones';

interface Props {
  opened: boolean;
  programmes: Programme[];
  onClose: () => void;
}

/** STARTEX and ENDEX are typed as the wall clock of the exercise's zone, whatever the browser's zone. */
export function CreateExerciseModal({ opened, programmes, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateExercise();
  const [name, setName] = useState('');
  const [type, setType] = useState<ExerciseType>('full-scale');
  const [programmeId, setProgrammeId] = useState('');
  const [city, setCity] = useState('');
  const [timeZone, setTimeZone] = useState(DEFAULT_ZONE);
  const [startex, setStartex] = useState('');
  const [endex, setEndex] = useState('');
  const [handling, setHandling] = useState('');
  const [zones] = useState(timeZones);

  const close = () => {
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        name: name.trim(),
        type,
        programmeId: programmeId || null,
        city: city.trim() || null,
        timeZone,
        startex: localToIso(startex, timeZone) ?? startex,
        endex: localToIso(endex, timeZone) ?? endex,
        handling: handling.trim() || null,
      },
      { onSuccess: (exercise) => navigate(`/exercises/${exercise.id}`) },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('planning.create.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="lg"
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('planning.fields.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Group grow align="flex-start">
            <NativeSelect
              label={t('planning.fields.type')}
              value={type}
              data={EXERCISE_TYPES.map((v) => ({ value: v, label: t(`planning.types.${v}`) }))}
              onChange={(e) => setType(e.currentTarget.value as ExerciseType)}
            />
            <NativeSelect
              label={t('planning.fields.programme')}
              value={programmeId}
              data={[
                { value: '', label: t('planning.create.noProgramme') },
                ...programmes.map((p) => ({ value: p.id, label: p.name })),
              ]}
              onChange={(e) => setProgrammeId(e.currentTarget.value)}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t('planning.fields.city')}
              value={city}
              onChange={(e) => setCity(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('planning.fields.timeZone')}
              value={timeZone}
              // Kazakhstan's zones by their city; the rest keep their unique IANA names, which the list is sorted by.
              data={zones.map((z) => ({ value: z, label: isHomeZone(z) ? zoneName(z, i18n.language) : z }))}
              onChange={(e) => setTimeZone(e.currentTarget.value)}
            />
          </Group>
          <Group grow align="flex-start">
            <LocalTimeInput
              label={t('planning.fields.startex')}
              value={startex}
              zone={timeZone}
              onChange={setStartex}
            />
            <LocalTimeInput
              label={t('planning.fields.endex')}
              value={endex}
              zone={timeZone}
              onChange={setEndex}
            />
          </Group>
          <TextInput
            label={t('planning.fields.handling')}
            placeholder={t('planning.create.handlingExample')}
            value={handling}
            onChange={(e) => setHandling(e.currentTarget.value)}
          />
          <ProblemAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('planning.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
