import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { STATUS } from '../../theme';

/** Solid colours dark enough for white badge text to stay above 4.5:1. */
export function UserStatusBadge({ user }: { user: User }) {
  const { t } = useTranslation();
  if (user.disabled) return <Badge color={STATUS.neutral}>{t('users.status.disabled')}</Badge>;
  return <Badge color={STATUS.ok}>{t('users.status.active')}</Badge>;
}
