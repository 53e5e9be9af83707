import { Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../../api/organisations';
import { useCan, useCanEverywhere } from '../../auth/useSession';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { AddUnitModal } from './AddUnitModal';
import { CreateOrganisationModal } from './CreateOrganisationModal';
import { OrganisationsTable } from './OrganisationsTable';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const organisations = useOrganisations();
  const canManage = useCan('orgs:manage');
  // Adding an agency changes the list every organisation shares: an unscoped administrator's.
  const canAdd = useCanEverywhere('orgs:manage');
  const [creating, setCreating] = useState(false);
  const [unitFor, setUnitFor] = useState<string | null>(null);
  const unitOrganisation = organisations.data?.items.find((o) => o.id === unitFor);

  return (
    <Stack>
      <PageTitle title={t('organisations.title')}>
        {canAdd && <Button onClick={() => setCreating(true)}>{t('organisations.create')}</Button>}
      </PageTitle>
      <QueryState query={organisations}>
        {(data) => (
          <OrganisationsTable organisations={data.items} canManage={canManage} onAddUnit={setUnitFor} />
        )}
      </QueryState>
      <CreateOrganisationModal opened={creating} onClose={() => setCreating(false)} />
      {unitOrganisation && <AddUnitModal organisation={unitOrganisation} onClose={() => setUnitFor(null)} />}
    </Stack>
  );
}
