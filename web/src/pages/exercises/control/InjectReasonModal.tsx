import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInjectAction } from '../../../api/conduct';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { conductErrors } from './conductErrors';

/** Holding or skipping an inject is recorded with its reason. */
export function InjectReasonModal({
  exerciseId,
  inject,
  action,
  onClose,
}: {
  exerciseId: string;
  inject: { id: string; number: string };
  action: 'hold' | 'skip';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const act = useInjectAction(exerciseId);
  const [reason, setReason] = useState('');
  const label = t(`conduct.actions.${action}`);
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={t('conduct.confirmCommand', { command: `${label} ${inject.number}` })}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          act.mutate({ injectId: inject.id, action, reason }, { onSuccess: onClose });
        }}
      >
        <Stack>
          <Textarea
            label={t('conduct.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            maxLength={500}
            data-autofocus
          />
          <ProblemAlert error={act.error} byCode={conductErrors(t)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('conduct.cancel')}
            </Button>
            <Button type="submit" loading={act.isPending}>
              {label}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
