import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLogoutEverywhere, useOwnLiveTokenCount } from '../api/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { STATUS } from '../theme';

/**
 * Asks before "sign out everywhere", naming how many API tokens it revokes: scripts that use them
 * stop working, and the person should know that before, not after.
 */
export function SignOutEverywhereModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const count = useOwnLiveTokenCount(true);
  const logoutEverywhere = useLogoutEverywhere();

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('account.signOutEverywhereTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Text>{t('account.signOutEverywhereSessions')}</Text>
        {count.data === undefined ? (
          count.isError ? (
            <ProblemAlert error={count.error} />
          ) : (
            <Loader size="sm" aria-label={t('common.loading')} />
          )
        ) : (
          <Alert color={count.data > 0 ? STATUS.warning : STATUS.neutral} variant="outline" role="status">
            {count.data > 0
              ? t('account.signOutEverywhereTokens', { count: count.data })
              : t('account.signOutEverywhereNoTokens')}
          </Alert>
        )}
        <ProblemAlert error={logoutEverywhere.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={STATUS.danger}
            loading={logoutEverywhere.isPending}
            disabled={count.data === undefined}
            onClick={() => logoutEverywhere.mutate()}
          >
            {t('account.signOutEverywhereConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
