import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, Organisation, Role } from '../../api/types';
import { useCreateUser } from '../../api/users';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLanguageOptions, useOrganisationOptions, useRoleOptions } from '../../components/useOptions';
import { PasswordField } from '../../components/PasswordField';

interface Props {
  opened: boolean;
  onClose: () => void;
  organisations: Organisation[] | undefined;
}

const EMPTY = {
  username: '',
  displayName: '',
  email: '',
  password: '',
  locale: 'kk',
  role: 'observer',
  organisationId: '',
};

export function CreateUserModal({ opened, onClose, organisations }: Props) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [form, setForm] = useState(EMPTY);
  const set = (key: keyof typeof EMPTY) => (event: { currentTarget: { value: string } }) =>
    setForm({ ...form, [key]: event.currentTarget.value });

  const close = () => {
    setForm(EMPTY);
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        username: form.username.trim(),
        displayName: form.displayName.trim(),
        email: form.email.trim() || undefined,
        password: form.password,
        locale: form.locale as Locale,
        grants: [{ role: form.role as Role, organisationId: form.organisationId || undefined }],
      },
      { onSuccess: close },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('users.create')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('users.username')}
              required
              autoComplete="off"
              value={form.username}
              onChange={set('username')}
            />
            <TextInput
              label={t('users.displayName')}
              required
              value={form.displayName}
              onChange={set('displayName')}
            />
            <TextInput label={t('users.email')} type="email" value={form.email} onChange={set('email')} />
            <PasswordField
              label={t('users.initialPassword')}
              required
              autoComplete="new-password"
              value={form.password}
              onChange={set('password')}
            />
            <NativeSelect
              label={t('users.language')}
              data={useLanguageOptions()}
              value={form.locale}
              onChange={set('locale')}
            />
            <NativeSelect
              label={t('grants.role')}
              data={useRoleOptions()}
              value={form.role}
              onChange={set('role')}
            />
            <NativeSelect
              label={t('grants.organisation')}
              data={useOrganisationOptions(organisations)}
              value={form.organisationId}
              onChange={set('organisationId')}
            />
          </SimpleGrid>
          <ProblemAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('users.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
