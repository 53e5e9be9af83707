import { Button, Group, Modal, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation, Role, User } from '../../api/types';
import { useAddGrant, useRevokeGrant } from '../../api/users';
import { GrantBadge } from '../../components/GrantBadge';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useOrganisationOptions, useRoleOptions } from '../../components/useOptions';
import { STATUS } from '../../theme';

interface Props {
  user: User;
  organisations: Organisation[] | undefined;
  onClose: () => void;
}

export function GrantsModal({ user, organisations, onClose }: Props) {
  const { t } = useTranslation();
  const add = useAddGrant();
  const revoke = useRevokeGrant();
  const [role, setRole] = useState<string>('observer');
  const [organisationId, setOrganisationId] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ userId: user.id, role: role as Role, organisationId: organisationId || undefined });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('grants.title', { name: user.username })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        {user.grants.length === 0 ? (
          <Text size="sm">{t('grants.none')}</Text>
        ) : (
          <Table withTableBorder fz="sm" verticalSpacing={4}>
            <Table.Caption>{t('grants.current')}</Table.Caption>
            <Table.Tbody>
              {user.grants.map((grant) => (
                <Table.Tr key={grant.id}>
                  <Table.Td>
                    <GrantBadge grant={grant} organisations={organisations} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="compact-xs"
                      variant="outline"
                      color={STATUS.danger}
                      loading={revoke.isPending && revoke.variables?.grantId === grant.id}
                      onClick={() => revoke.mutate({ userId: user.id, grantId: grant.id })}
                    >
                      {t('grants.revoke')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <ProblemAlert error={revoke.error} />
        <form onSubmit={submit}>
          <Stack gap="sm">
            <Title order={2} size="h5">
              {t('grants.add')}
            </Title>
            <Group grow align="flex-end">
              <NativeSelect
                label={t('grants.role')}
                data={useRoleOptions()}
                value={role}
                onChange={(e) => setRole(e.currentTarget.value)}
              />
              <NativeSelect
                label={t('grants.organisation')}
                data={useOrganisationOptions(organisations)}
                value={organisationId}
                onChange={(e) => setOrganisationId(e.currentTarget.value)}
              />
            </Group>
            <ProblemAlert error={add.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={add.isPending}>
                {t('grants.addSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Modal>
  );
}
