import { Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../../api/organisations';
import { useUsers } from '../../api/users';
import { useCan } from '../../auth/useSession';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { CreateUserModal } from './CreateUserModal';
import { GrantsModal } from './GrantsModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UsersTable, type UserAction } from './UsersTable';

export function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const canManage = useCan('users:manage');
  const organisations = useOrganisations(useCan('orgs:read'));
  const [creating, setCreating] = useState(false);
  const [action, setAction] = useState<UserAction | null>(null);
  // Looked up by id so the dialog shows the user as refreshed after each change.
  const actionUser = action ? users.data?.items.find((u) => u.id === action.userId) : undefined;

  return (
    <Stack>
      <PageTitle title={t('users.title')}>
        {canManage && <Button onClick={() => setCreating(true)}>{t('users.create')}</Button>}
      </PageTitle>
      <QueryState query={users}>
        {(data) => (
          <UsersTable
            users={data.items}
            organisations={organisations.data?.items}
            canManage={canManage}
            onAction={setAction}
          />
        )}
      </QueryState>
      <CreateUserModal
        opened={creating}
        onClose={() => setCreating(false)}
        organisations={organisations.data?.items}
      />
      {actionUser && action?.kind === 'password' && (
        <ResetPasswordModal user={actionUser} onClose={() => setAction(null)} />
      )}
      {actionUser && action?.kind === 'grants' && (
        <GrantsModal
          user={actionUser}
          organisations={organisations.data?.items}
          onClose={() => setAction(null)}
        />
      )}
    </Stack>
  );
}
