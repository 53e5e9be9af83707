import { Button, Group, Modal, NativeSelect, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useExercises } from '../../api/exercises';
import { useCreateNotice } from '../../api/notices';
import { ProblemAlert } from '../../components/ProblemAlert';

/** A new draft: from an exercise (its zones, closures, city and window) or blank. */
export function CreateNoticeModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const exercises = useExercises({});
  const create = useCreateNotice();
  const [source, setSource] = useState<'exercise' | 'blank'>('exercise');
  const [exerciseId, setExerciseId] = useState('');

  const submit = () =>
    create.mutate(source === 'exercise' ? { exerciseId } : {}, {
      onSuccess: (n) => navigate(`/notices/${n.id}`),
    });

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={t('notices.create.title')}
      size="lg"
    >
      <Stack>
        <Radio.Group
          label={t('notices.create.source')}
          value={source}
          onChange={(v) => setSource(v as 'exercise' | 'blank')}
        >
          <Group mt="xs">
            <Radio value="exercise" label={t('notices.create.fromExercise')} />
            <Radio value="blank" label={t('notices.create.blank')} />
          </Group>
        </Radio.Group>
        {source === 'exercise' && (
          <>
            <NativeSelect
              label={t('notices.create.exercise')}
              value={exerciseId}
              onChange={(e) => setExerciseId(e.currentTarget.value)}
              data={[
                { value: '', label: t('notices.create.choose') },
                ...(exercises.data?.items ?? []).map((e) => ({ value: e.id, label: e.name })),
              ]}
            />
            <Text size="sm" c="dimmed">
              {t('notices.create.hint')}
            </Text>
          </>
        )}
        <ProblemAlert error={create.error} />
        <Group justify="flex-end">
          <Button
            onClick={submit}
            loading={create.isPending}
            disabled={source === 'exercise' && exerciseId === ''}
          >
            {t('notices.create.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
