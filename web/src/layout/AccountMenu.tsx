import { Button, Menu } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLogout } from '../api/session';
import { useCan, useSession } from '../auth/useSession';
import { STATUS } from '../theme';
import { ChangePasswordModal } from './ChangePasswordModal';
import { SignOutEverywhereModal } from './SignOutEverywhereModal';

export function AccountMenu() {
  const { t } = useTranslation();
  const { user } = useSession();
  const canTokens = useCan('tokens:own');
  const logout = useLogout();
  const [confirming, setConfirming] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);

  return (
    <>
      <Menu position="bottom-end" width={240} withinPortal>
        <Menu.Target>
          <Button
            variant="subtle"
            color="gray.0"
            size="compact-sm"
            aria-label={t('account.menu', { name: user.displayName })}
            maw={{ base: 140, sm: 260 }}
          >
            {/* Cut with an ellipsis on a phone, not mid-letter at the button's edge. */}
            <span style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {user.displayName}
            </span>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{user.username}</Menu.Label>
          {canTokens && (
            <Menu.Item component={Link} to="/tokens">
              {t('nav.tokens')}
            </Menu.Item>
          )}
          <Menu.Item onClick={() => setChangingPassword(true)}>{t('account.changePassword')}</Menu.Item>
          <Menu.Divider />
          <Menu.Item onClick={() => logout.mutate()}>{t('account.signOut')}</Menu.Item>
          <Menu.Item color={STATUS.danger} onClick={() => setConfirming(true)}>
            {t('account.signOutEverywhere')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {confirming && <SignOutEverywhereModal onClose={() => setConfirming(false)} />}
      {changingPassword && <ChangePasswordModal onClose={() => setChangingPassword(false)} />}
    </>
  );
}
