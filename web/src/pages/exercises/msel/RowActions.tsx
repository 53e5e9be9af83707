import { Button, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MselEvent } from '../../../api/planningTypes';

interface Props {
  event: MselEvent;
  canPlan: boolean;
  canApprove: boolean;
  isMine: boolean;
  onSubmit: () => void;
  onApprove: () => void;
}

/**
 * Submit for drafts, approve for submitted events. An author cannot approve their own inject (the
 * server refuses it too); the button stays visible but disabled, with the reason next to it.
 */
export function RowActions({ event, canPlan, canApprove, isMine, onSubmit, onApprove }: Props) {
  const { t } = useTranslation();
  const reasonId = useId();
  return (
    <Stack gap={2} align="flex-start">
      {canPlan && event.approval === 'draft' && (
        <Button
          size="compact-xs"
          variant="default"
          onClick={onSubmit}
          aria-label={t('planning.msel.submitOne', { number: event.number })}
        >
          {t('planning.msel.submit')}
        </Button>
      )}
      {canApprove && event.approval === 'submitted' && (
        <>
          <Button
            size="compact-xs"
            disabled={isMine}
            onClick={onApprove}
            aria-label={t('planning.msel.approveOne', { number: event.number })}
            aria-describedby={isMine ? reasonId : undefined}
          >
            {t('planning.msel.approve')}
          </Button>
          {isMine && (
            <Text id={reasonId} size="xs">
              {t('planning.msel.ownInject')}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
