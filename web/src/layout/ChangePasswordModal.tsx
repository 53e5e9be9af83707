import { Alert, Button, Group, Loader, Modal, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangeOwnPassword, useOwnLiveTokenCount } from '../api/session';
import { PasswordField } from '../components/PasswordField';
import { ProblemAlert } from '../components/ProblemAlert';
import { STATUS } from '../theme';

/**
 * Changing your own password signs you out everywhere, this browser too, and revokes your API
 * tokens; the dialog says so, with the number of tokens, before anything is done.
 */
export function ChangePasswordModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const count = useOwnLiveTokenCount(true);
  const change = useChangeOwnPassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ currentPassword, newPassword });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('account.changePasswordTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <PasswordField
            label={t('account.currentPassword')}
            required
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrent(e.currentTarget.value)}
          />
          <PasswordField
            label={t('users.newPassword')}
            required
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNew(e.currentTarget.value)}
          />
          {count.data === undefined ? (
            count.isError ? (
              <ProblemAlert error={count.error} />
            ) : (
              <Loader size="sm" aria-label={t('common.loading')} />
            )
          ) : (
            <Alert color={count.data > 0 ? STATUS.warning : STATUS.neutral} variant="outline" role="status">
              {count.data > 0
                ? t('account.changePasswordRevokes', { count: count.data })
                : t('account.changePasswordNoTokens')}
            </Alert>
          )}
          <ProblemAlert error={change.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color={STATUS.danger}
              loading={change.isPending}
              disabled={!currentPassword || !newPassword || count.data === undefined}
            >
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
