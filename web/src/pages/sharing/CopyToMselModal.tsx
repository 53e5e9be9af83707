import { Button, Group, Modal, NativeSelect, NumberInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useExercises } from '../../api/exercises';
import { useCopyFromCatalogue } from '../../api/sharing';
import { ProblemAlert } from '../../components/ProblemAlert';

/** Copies the chosen entries into an exercise's MSEL as drafts, then opens that MSEL. */
export function CopyToMselModal({
  entryIds,
  onClose,
  onCopied,
}: {
  entryIds: string[];
  onClose: () => void;
  onCopied: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const exercises = useExercises({});
  const [exerciseId, setExerciseId] = useState('');
  const [offset, setOffset] = useState<number | string>(0);
  const copy = useCopyFromCatalogue();

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('sharing.catalogue.copyTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          copy.mutate(
            { exerciseId, entryIds, offsetMinutes: typeof offset === 'number' ? offset : 0 },
            {
              onSuccess: () => {
                onCopied();
                onClose();
                navigate(`/exercises/${exerciseId}/msel`);
              },
            },
          );
        }}
      >
        <Stack>
          <Text size="sm">{t('sharing.catalogue.copyIntro', { count: entryIds.length })}</Text>
          <NativeSelect
            label={t('sharing.catalogue.targetExercise')}
            required
            value={exerciseId}
            onChange={(e) => setExerciseId(e.currentTarget.value)}
            data={[
              { value: '', label: t('sharing.catalogue.chooseExercise') },
              ...(exercises.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })),
            ]}
          />
          <NumberInput
            label={t('sharing.catalogue.offset')}
            description={t('sharing.catalogue.offsetHint')}
            value={offset}
            onChange={setOffset}
            allowDecimal={false}
          />
          <ProblemAlert error={copy.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={copy.isPending} disabled={!exerciseId}>
              {t('sharing.catalogue.copySubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
