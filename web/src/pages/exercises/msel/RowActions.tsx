import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MselEvent } from '../../../api/planningTypes';
import classes from './MselGrid.module.css';

interface Props {
  event: MselEvent;
  canPlan: boolean;
  canApprove: boolean;
  isMine: boolean;
  onSubmit: () => void;
  onApprove: () => void;
  onEdit: () => void;
}

/**
 * Submit for drafts, approve for submitted events. An author cannot approve their own inject (the
 * server refuses it too); the button stays visible but disabled, with the reason next to it.
 */
export function RowActions({ event, canPlan, canApprove, isMine, onSubmit, onApprove, onEdit }: Props) {
  const { t } = useTranslation();
  const reasonId = useId();
  return (
    <div className={classes.actions}>
      {canPlan && (
        <button
          type="button"
          className={classes.action}
          onClick={onEdit}
          aria-label={t('planning.msel.editAll', { number: event.number })}
        >
          {t('planning.msel.details')}
        </button>
      )}
      {canPlan && event.approval === 'draft' && (
        <button
          type="button"
          className={classes.action}
          onClick={onSubmit}
          aria-label={t('planning.msel.submitOne', { number: event.number })}
        >
          {t('planning.msel.submit')}
        </button>
      )}
      {canApprove && event.approval === 'submitted' && (
        <>
          <button
            type="button"
            className={classes.action}
            data-primary
            disabled={isMine}
            onClick={onApprove}
            aria-label={t('planning.msel.approveOne', { number: event.number })}
            aria-describedby={isMine ? reasonId : undefined}
          >
            {t('planning.msel.approve')}
          </button>
          {isMine && (
            <span id={reasonId} className={classes.small}>
              {t('planning.msel.ownInject')}
            </span>
          )}
        </>
      )}
    </div>
  );
}
