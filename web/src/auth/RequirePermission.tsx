import type { ReactNode } from 'react';
import { useCan } from './useSession';
import { NotPermittedPage } from '../pages/NotPermittedPage';

/** Hides a screen the user may not open; the API refuses it too, this only explains why. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  return useCan(permission) ? children : <NotPermittedPage />;
}
