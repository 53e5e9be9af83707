import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { useUserLiveTokenCount } from '../../api/tokens';
import { useResetPassword } from '../../api/users';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PasswordField } from '../../components/PasswordField';
import { STATUS } from '../../theme';

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  const tokens = useUserLiveTokenCount(user.id);
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
          {!reset.isSuccess && tokens.data !== undefined && (
            <Alert color={tokens.data > 0 ? STATUS.warning : STATUS.neutral} variant="outline" role="status">
              {tokens.data > 0
                ? t('users.resetRevokes', { name: user.username, count: tokens.data })
                : t('users.resetNoTokens', { name: user.username })}
            </Alert>
          )}
          <ProblemAlert error={tokens.error} />
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
            <Button type="submit" loading={reset.isPending} disabled={!password || tokens.data === undefined}>
              {t('users.resetPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
