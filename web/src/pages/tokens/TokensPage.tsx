import { Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTokens } from '../../api/tokens';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { CreateTokenForm } from './CreateTokenForm';
import { NewTokenNotice } from './NewTokenNotice';
import { TokensTable } from './TokensTable';

export function TokensPage() {
  const { t } = useTranslation();
  const tokens = useTokens();
  // Kept only in memory: the server stores a hash, so this is the one moment the secret exists in clear.
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);

  return (
    <Stack>
      <PageTitle title={t('tokens.title')} />
      {secret && <NewTokenNotice name={secret.name} token={secret.token} onDismiss={() => setSecret(null)} />}
      <CreateTokenForm onCreated={setSecret} />
      <QueryState query={tokens}>{(data) => <TokensTable tokens={data.items} />}</QueryState>
    </Stack>
  );
}
