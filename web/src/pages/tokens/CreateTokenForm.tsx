import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateToken, type NewToken } from '../../api/tokens';
import { useSession } from '../../auth/useSession';
import { ProblemAlert } from '../../components/ProblemAlert';
import { permissionLabel } from '../../components/permissionLabel';

/** A token can carry at most what its owner may do, so the scopes offered are the owner's permissions. */
export function CreateTokenForm({
  onCreated,
}: {
  onCreated: (secret: { name: string; token: string }) => void;
}) {
  const { t } = useTranslation();
  const { permissions } = useSession();
  const create = useCreateToken();
  const [name, setName] = useState('');
  // Chosen among the signed-in person's own permissions, which the server lists: each is one of its names.
  const [scopes, setScopes] = useState<NewToken['scopes']>([]);
  const [days, setDays] = useState<number | string>(30);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), scopes, expiresInDays: Number(days) },
      {
        onSuccess: (created) => {
          onCreated({ name: created.name, token: created.token });
          setName('');
          setScopes([]);
        },
      },
    );
  };

  return (
    <Paper withBorder p="sm" radius="sm">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h5">
            {t('tokens.create')}
          </Title>
          <Group grow align="flex-start">
            <TextInput
              label={t('tokens.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <NumberInput
              label={t('tokens.expiresInDays')}
              required
              min={1}
              max={365}
              value={days}
              onChange={setDays}
            />
          </Group>
          <Checkbox.Group label={t('tokens.scopes')} value={scopes} onChange={setScopes}>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing={6} mt={6}>
              {permissions.map((p) => (
                <Checkbox key={p} value={p} size="xs" label={permissionLabel(t, p)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <ProblemAlert error={create.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} disabled={!name.trim() || scopes.length === 0}>
              {t('tokens.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
