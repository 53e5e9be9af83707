import { Button, Group, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Organisation, User } from '../../api/types';
import { useUpdateUser } from '../../api/users';
import { GrantBadge } from '../../components/GrantBadge';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { UserAction } from './UsersTable';
import { UserStatusBadge } from './UserStatusBadge';

interface Props {
  user: User;
  organisations: Organisation[] | undefined;
  canManage: boolean;
  onAction: (kind: UserAction['kind']) => void;
}

export function UserRow({ user, organisations, canManage, onAction }: Props) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const toggle = () => update.mutate({ id: user.id, disabled: !user.disabled });

  return (
    <Table.Tr data-testid={`user-${user.username}`}>
      <Table.Th scope="row" fw={600}>
        {user.username}
      </Table.Th>
      <Table.Td>{user.displayName}</Table.Td>
      <Table.Td>{user.email ?? ''}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {user.grants.map((grant) => (
            <GrantBadge key={grant.id} grant={grant} organisations={organisations} />
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <UserStatusBadge user={user} />
      </Table.Td>
      {canManage && (
        <Table.Td>
          <Group gap={4} wrap="nowrap">
            <Button
              size="compact-xs"
              variant="default"
              loading={update.isPending}
              onClick={toggle}
              aria-label={t(user.disabled ? 'users.enableNamed' : 'users.disableNamed', {
                name: user.username,
              })}
            >
              {t(user.disabled ? 'users.enable' : 'users.disable')}
            </Button>
            <Button
              size="compact-xs"
              variant="default"
              onClick={() => onAction('password')}
              aria-label={t('users.resetPasswordNamed', { name: user.username })}
            >
              {t('users.resetPassword')}
            </Button>
            <Button
              size="compact-xs"
              variant="default"
              onClick={() => onAction('grants')}
              aria-label={t('users.editRolesNamed', { name: user.username })}
            >
              {t('users.editRoles')}
            </Button>
          </Group>
          <ProblemAlert error={update.error} />
        </Table.Td>
      )}
    </Table.Tr>
  );
}
