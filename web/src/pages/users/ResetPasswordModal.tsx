import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { useResetPassword } from '../../api/users';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PasswordField } from '../../components/PasswordField';
import { STATUS } from '../../theme';

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ id: user.id, password }, { onSuccess: () => setPassword('') });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('users.resetPasswordFor', { name: user.username })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <PasswordField
            label={t('users.newPassword')}
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <ProblemAlert error={reset.error} />
          {reset.isSuccess && (
            <Alert color={STATUS.ok} variant="outline" role="status">
              {t('users.passwordChanged')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
            <Button type="submit" loading={reset.isPending} disabled={!password}>
              {t('users.resetPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
