import type { TFunction } from 'i18next';

/**
 * Permission codes contain ':' which i18next reads as a namespace separator, so the key swaps it
 * out; a permission added on the server before its translation still shows, as its code.
 */
export function permissionLabel(t: TFunction, permission: string): string {
  return t(`permissions.${permission.replace(/[:.]/g, '_')}`, { defaultValue: permission });
}
