import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { STATUS } from '../../theme';

/** Solid colours dark enough for white badge text to stay above 4.5:1. */
export function UserStatusBadge({ user }: { user: User }) {
  const { t } = useTranslation();
  if (user.disabled) return <Badge color={STATUS.neutral}>{t('users.status.disabled')}</Badge>;
  // A lock in the past has already expired; only a current one matters to the reader.
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) {
    return <Badge color={STATUS.danger}>{t('users.status.locked')}</Badge>;
  }
  return <Badge color={STATUS.ok}>{t('users.status.active')}</Badge>;
}
