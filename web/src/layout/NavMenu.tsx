import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useSession } from '../auth/useSession';
import { NAV_ITEMS } from './navigation';

/** Only the screens this user may open are listed; the rest would only lead to a refusal. */
export function NavMenu({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { permissions } = useSession();
  const { pathname } = useLocation();

  return (
    <Stack gap={2}>
      {NAV_ITEMS.filter((item) => permissions.includes(item.permission)).map((item) => {
        const active = item.path === '/' ? pathname === '/' : pathname.startsWith(item.path);
        return (
          <NavLink
            key={item.path}
            component={Link}
            to={item.path}
            label={t(item.labelKey)}
            active={active}
            aria-current={active ? 'page' : undefined}
            variant="filled"
            onClick={onNavigate}
          />
        );
      })}
    </Stack>
  );
}
