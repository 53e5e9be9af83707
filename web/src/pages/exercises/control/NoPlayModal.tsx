import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNoPlay, type ExerciseClock } from '../../../api/conduct';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { STATUS } from '../../../theme';
import { ResumePreviewText } from './CommandModal';
import { conductErrors } from './conductErrors';

/**
 * NO PLAY (`on`) or its resume, each confirmed with a reason: halting says what it stops and that
 * everyone sees the reason; resuming shows what the pause policy does with the injects that came due.
 */
export function NoPlayModal({
  clock,
  on,
  onClose,
}: {
  clock: ExerciseClock;
  on: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const noPlay = useNoPlay(clock.exerciseId);
  const [reason, setReason] = useState('');
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={<Text fw={800}>{on ? t('conduct.noPlay.confirmTitle') : t('conduct.noPlay.resumeTitle')}</Text>}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          noPlay.mutate({ on, reason }, { onSuccess: onClose });
        }}
      >
        <Stack>
          {on ? (
            <Alert color={STATUS.danger} variant="light">
              {t('conduct.noPlay.confirmText')}
            </Alert>
          ) : (
            <>
              <Text>{t('conduct.noPlay.resumeText')}</Text>
              <ResumePreviewText exerciseId={clock.exerciseId} />
            </>
          )}
          <Textarea
            label={on ? t('conduct.noPlay.reasonLabel') : t('conduct.noPlay.resumeReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            maxLength={500}
            data-autofocus
          />
          <ProblemAlert error={noPlay.error} byCode={conductErrors(t)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('conduct.cancel')}
            </Button>
            <Button type="submit" loading={noPlay.isPending} color={on ? STATUS.danger : STATUS.ok}>
              {on ? t('conduct.noPlay.confirm') : t('conduct.noPlay.resume')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
