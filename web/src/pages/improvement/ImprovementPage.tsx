import { Alert, Button, Checkbox, Group, NativeSelect, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreCapabilities } from '../../api/exercises';
import { useImprovementItems, type ImprovementFilter, type ImprovementItem } from '../../api/improvement';
import { useOrganisations } from '../../api/organisations';
import { useCan } from '../../auth/useSession';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { ImprovementTable } from './ImprovementTable';
import { RaiseImprovementModal } from './RaiseImprovementModal';

const STATUSES = ['open', 'in_progress', 'completed', 'cancelled'] as const;

/** The improvement plan across every exercise the reader's organisations reach, filtered. */
export function ImprovementPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<ImprovementFilter>({});
  const items = useImprovementItems(filter);
  const organisations = useOrganisations();
  const capabilities = useCoreCapabilities();
  const manages = useCan('improvement:manage');
  const [raising, setRaising] = useState(false);
  const [raised, setRaised] = useState<ImprovementItem | null>(null);
  const set = (key: keyof ImprovementFilter, value: string) =>
    setFilter((f) => {
      const next = { ...f };
      if (value) (next as Record<string, string>)[key] = value;
      else delete next[key];
      return next;
    });

  return (
    <Stack>
      <PageTitle title={t('improvement.title')}>
        {manages && (
          <Button
            onClick={() => {
              setRaised(null);
              setRaising(true);
            }}
          >
            {t('improvement.raise.open')}
          </Button>
        )}
      </PageTitle>
      <RaiseImprovementModal
        opened={raising}
        prefill={{}}
        onClose={() => setRaising(false)}
        onRaised={setRaised}
      />
      {raised && (
        <Alert
          color="green"
          variant="light"
          withCloseButton
          onClose={() => setRaised(null)}
          role="status"
          closeButtonLabel={t('common.close')}
        >
          {t('improvement.raise.done', { action: raised.correctiveAction })}
        </Alert>
      )}
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('improvement.statusLabel')}
          value={filter.status ?? ''}
          onChange={(e) => set('status', e.currentTarget.value)}
          data={[
            { value: '', label: t('improvement.any') },
            ...STATUSES.map((s) => ({ value: s, label: t(`improvement.status.${s}`) })),
          ]}
        />
        <NativeSelect
          label={t('improvement.organisation')}
          value={filter.organisationId ?? ''}
          onChange={(e) => set('organisationId', e.currentTarget.value)}
          data={[
            { value: '', label: t('improvement.any') },
            ...(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
        <NativeSelect
          label={t('improvement.capability')}
          value={filter.capabilityId ?? ''}
          onChange={(e) => set('capabilityId', e.currentTarget.value)}
          data={[
            { value: '', label: t('improvement.any') },
            ...(capabilities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
        <Checkbox
          label={t('improvement.overdueOnly')}
          checked={filter.overdue === 'true'}
          onChange={(e) => set('overdue', e.currentTarget.checked ? 'true' : '')}
          mb={8}
        />
      </Group>
      <QueryState query={items}>
        {(data) => <ImprovementTable items={data.items} label={t('improvement.title')} />}
      </QueryState>
    </Stack>
  );
}
