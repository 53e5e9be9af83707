import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Organisation, User } from '../../api/types';
import { UserRow } from './UserRow';
import { TableScroll } from '../../components/TableScroll';

export interface UserAction {
  kind: 'password' | 'grants';
  userId: string;
}

interface Props {
  users: User[];
  organisations: Organisation[] | undefined;
  canManage: boolean;
  onAction: (action: UserAction) => void;
}

export function UsersTable({ users, organisations, canManage, onAction }: Props) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('users.title')} minWidth={760}>
      <Table striped highlightOnHover withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Caption>{t('users.caption', { count: users.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('users.username')}</Table.Th>
            <Table.Th scope="col">{t('users.displayName')}</Table.Th>
            <Table.Th scope="col">{t('users.email')}</Table.Th>
            <Table.Th scope="col">{t('users.roles')}</Table.Th>
            <Table.Th scope="col">{t('users.statusLabel')}</Table.Th>
            {canManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <UserRow
              key={user.id}
              user={user}
              organisations={organisations}
              canManage={canManage}
              onAction={(kind) => onAction({ kind, userId: user.id })}
            />
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
