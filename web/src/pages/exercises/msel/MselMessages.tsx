import { Alert, Button, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { STATUS } from '../../../theme';
import { isConflict } from '../conflict';
import type { MselActions } from './useMselActions';

/** Outcomes of grid actions: a version conflict in plain words, other refusals in the server's. */
export function MselMessages({ actions }: { actions: MselActions }) {
  const { t } = useTranslation();
  const { failed, moved } = actions;
  return (
    <>
      {failed && isConflict(failed.error) && (
        <Alert
          color={STATUS.warning}
          variant="outline"
          role="alert"
          title={t('planning.conflict.title')}
          data-testid="msel-conflict"
        >
          <Text size="sm">{t('planning.conflict.event', { number: failed.number })}</Text>
          <Button size="compact-xs" variant="default" mt="xs" onClick={actions.dismiss}>
            {t('common.close')}
          </Button>
        </Alert>
      )}
      {failed && !isConflict(failed.error) && <ProblemAlert error={failed.error} />}
      {actions.errors.map((error, i) => (
        <ProblemAlert key={i} error={error} />
      ))}
      <VisuallyHidden aria-live="polite">
        {moved ? t('planning.msel.moved', { number: moved.number, position: moved.position }) : ''}
      </VisuallyHidden>
    </>
  );
}
