import { Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RolePermissions } from '../../api/types';
import { permissionLabel } from '../../components/permissionLabel';
import classes from './RolesMatrix.module.css';
import { TableScroll } from '../../components/TableScroll';

/** Permissions down, roles across: reading a column answers "what can a planner do?". */
export function RolesMatrix({ roles }: { roles: RolePermissions[] }) {
  const { t } = useTranslation();
  const permissions = [...new Set(roles.flatMap((r) => r.permissions))].sort();
  return (
    <TableScroll label={t('rolesPage.caption')} minWidth={800}>
      <Table withTableBorder withColumnBorders striped fz="sm" verticalSpacing={4}>
        <Table.Caption>{t('rolesPage.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" miw={190}>
              {t('rolesPage.permission')}
            </Table.Th>
            {roles.map((r) => (
              <Table.Th scope="col" key={r.role} ta="center" fz="xs" className={classes.role}>
                {t(`roles.${r.role}`, { defaultValue: r.role })}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {permissions.map((permission) => (
            <Table.Tr key={permission}>
              <Table.Th scope="row" fw={400}>
                {/* The code is what API tokens and scripts name; the page itself speaks the reader's words. */}
                <Text size="sm" title={permission} data-permission={permission}>
                  {permissionLabel(t, permission)}
                </Text>
              </Table.Th>
              {roles.map((r) => (
                <Table.Td key={r.role} ta="center" className={classes.cell}>
                  {r.permissions.includes(permission) ? (
                    <>
                      <span aria-hidden="true" className={classes.yes}>
                        ●
                      </span>
                      <VisuallyHidden>{t('rolesPage.granted')}</VisuallyHidden>
                    </>
                  ) : (
                    <VisuallyHidden>{t('rolesPage.notGranted')}</VisuallyHidden>
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
