import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';

export function UserStatusBadge({ user }: { user: User }) {
  const { t } = useTranslation();
  if (user.disabled) return <Badge color="gray.8">{t('users.status.disabled')}</Badge>;
  // A lock in the past has already expired; only a current one matters to the reader.
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) {
    return <Badge color="red.9">{t('users.status.locked')}</Badge>;
  }
  return <Badge color="green.9">{t('users.status.active')}</Badge>;
}
