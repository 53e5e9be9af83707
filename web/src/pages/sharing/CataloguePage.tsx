import { Button, Checkbox, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreCapabilities } from '../../api/exercises';
import { useCatalogue, useDeleteCatalogueEntry, type CatalogueFilter } from '../../api/sharing';
import { useCan, useCanEverywhere } from '../../auth/useSession';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { TableScroll } from '../../components/TableScroll';
import { STATUS } from '../../theme';
import { CopyToMselModal } from './CopyToMselModal';
import { SaveToCatalogueModal } from './SaveToCatalogueModal';

/** Injects kept for reuse: found by hazard and core capability, saved from an MSEL, copied into one. */
export function CataloguePage() {
  const { t } = useTranslation();
  // The catalogue is every organisation's: a grant scoped to one does not change it.
  const canManage = useCanEverywhere('catalogue:manage');
  const canPlan = useCan('exercises:plan');
  const [hazard, setHazard] = useState('');
  const [capability, setCapability] = useState('');
  const filter: CatalogueFilter = { hazard: hazard.trim() || undefined, capability: capability || undefined };
  const catalogue = useCatalogue(filter);
  // The server matches a hazard exactly (case and spacing aside), so offer the hazards the catalogue holds.
  const everything = useCatalogue({});
  const hazards = [...new Set((everything.data?.items ?? []).map((e) => e.hazard))].sort();
  const capabilities = useCoreCapabilities();
  const remove = useDeleteCatalogueEntry();
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<'save' | 'copy' | null>(null);
  const capabilityName = (id: string | null) =>
    id ? (capabilities.data?.items.find((c) => c.id === id)?.name ?? id) : '—';
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));

  return (
    <Stack>
      <PageTitle title={t('sharing.catalogue.title')}>
        <Group gap="xs">
          {canManage && (
            <Button variant="default" onClick={() => setDialog('save')}>
              {t('sharing.catalogue.save')}
            </Button>
          )}
          {canPlan && (
            <Button disabled={selected.length === 0} onClick={() => setDialog('copy')}>
              {t('sharing.catalogue.copy')}
            </Button>
          )}
        </Group>
      </PageTitle>
      <Text size="sm">{t('sharing.catalogue.intro')}</Text>
      <Group align="end">
        <NativeSelect
          label={t('sharing.catalogue.hazard')}
          value={hazard}
          onChange={(e) => setHazard(e.currentTarget.value)}
          data={[
            { value: '', label: t('sharing.catalogue.anyHazard') },
            ...hazards.map((h) => ({ value: h, label: h })),
          ]}
        />
        <NativeSelect
          label={t('sharing.catalogue.capability')}
          value={capability}
          onChange={(e) => setCapability(e.currentTarget.value)}
          data={[
            { value: '', label: t('sharing.catalogue.anyCapability') },
            ...(capabilities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
      </Group>
      <ProblemAlert error={remove.error} />
      <QueryState query={catalogue}>
        {(data) =>
          data.items.length === 0 ? (
            <Text size="sm">{t('sharing.catalogue.empty')}</Text>
          ) : (
            <TableScroll label={t('sharing.catalogue.caption')} minWidth={880}>
              <Table striped withTableBorder fz="sm" verticalSpacing={4}>
                <Table.Caption>{t('sharing.catalogue.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    {canPlan && <Table.Th scope="col">{t('sharing.catalogue.choose')}</Table.Th>}
                    <Table.Th scope="col">{t('sharing.catalogue.entryTitle')}</Table.Th>
                    <Table.Th scope="col">{t('sharing.catalogue.hazard')}</Table.Th>
                    <Table.Th scope="col">{t('sharing.catalogue.capability')}</Table.Th>
                    <Table.Th scope="col">{t('sharing.catalogue.method')}</Table.Th>
                    <Table.Th scope="col">{t('sharing.catalogue.tasks')}</Table.Th>
                    {canManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((entry) => (
                    <Table.Tr key={entry.id}>
                      {canPlan && (
                        <Table.Td>
                          <Checkbox
                            aria-label={t('sharing.catalogue.chooseNamed', { title: entry.title })}
                            checked={selected.includes(entry.id)}
                            onChange={(e) => toggle(entry.id, e.currentTarget.checked)}
                          />
                        </Table.Td>
                      )}
                      <Table.Th scope="row" fw={600}>
                        {entry.title}
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {entry.content}
                        </Text>
                      </Table.Th>
                      <Table.Td>{entry.hazard}</Table.Td>
                      <Table.Td>{capabilityName(entry.coreCapabilityId)}</Table.Td>
                      <Table.Td>{entry.method}</Table.Td>
                      <Table.Td>{entry.criticalTaskTexts.join('; ') || '—'}</Table.Td>
                      {canManage && (
                        <Table.Td>
                          <Button
                            size="compact-xs"
                            variant="outline"
                            color={STATUS.danger}
                            loading={remove.isPending && remove.variables === entry.id}
                            aria-label={t('sharing.catalogue.removeNamed', { title: entry.title })}
                            onClick={() => remove.mutate(entry.id)}
                          >
                            {t('sharing.catalogue.remove')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )
        }
      </QueryState>
      {dialog === 'save' && <SaveToCatalogueModal onClose={() => setDialog(null)} />}
      {dialog === 'copy' && (
        <CopyToMselModal
          entryIds={selected}
          onClose={() => setDialog(null)}
          onCopied={() => setSelected([])}
        />
      )}
    </Stack>
  );
}
