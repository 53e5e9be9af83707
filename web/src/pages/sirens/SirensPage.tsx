import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUS } from '../../theme';
import type { Siren } from '../../api/contract';
import { useSirens } from '../../api/sirens';
import { useCan } from '../../auth/useSession';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { TableScroll } from '../../components/TableScroll';
import { SirenModal } from './SirenModal';
import { formatInstant } from '../../components/DateTime';

const nameOf = (s: Siren, lang: string) => s.name[lang as 'kk' | 'ru' | 'en'] ?? s.name.en;

/** What the controller last said of itself, in words; a fault or lost mains stands out. */
function SirenState({ siren }: { siren: Siren }) {
  const { t, i18n } = useTranslation();
  if (siren.statusAt === null) return <Text size="sm">{t('sirens.state.unknown')}</Text>;
  return (
    <Stack gap={2}>
      {siren.fault ? (
        <Badge color={STATUS.danger}>{t('sirens.state.fault', { fault: siren.fault })}</Badge>
      ) : (
        <Badge color={STATUS.ok}>{t('sirens.state.ok')}</Badge>
      )}
      <Text size="xs">
        {siren.battery === null
          ? t('sirens.state.batteryUnknown')
          : t('sirens.state.battery', { percent: siren.battery })}
        {' · '}
        <Text
          span
          size="xs"
          fw={siren.mains === false ? 700 : undefined}
          c={siren.mains === false ? 'red.9' : undefined}
        >
          {siren.mains === false ? t('sirens.state.onBattery') : t('sirens.state.mains')}
        </Text>
      </Text>
      <Text size="xs">
        {t('sirens.state.reported', { at: formatInstant(i18n.language, siren.statusAt) })}
      </Text>
    </Stack>
  );
}

/** The siren registry: where each siren stands, whom it is for, and what it last reported. */
export function SirensPage() {
  const { t, i18n } = useTranslation();
  const sirens = useSirens();
  const canManage = useCan('sirens:manage');
  const [editing, setEditing] = useState<Siren | 'new' | null>(null);
  return (
    <Stack>
      <PageTitle title={t('sirens.title')}>
        {canManage && <Button onClick={() => setEditing('new')}>{t('sirens.add')}</Button>}
      </PageTitle>
      <Text size="sm">{t('sirens.intro')}</Text>
      <QueryState query={sirens}>
        {(data) =>
          data.items.length === 0 ? (
            <Text size="sm">{t('sirens.empty')}</Text>
          ) : (
            <TableScroll label={t('sirens.title')} minWidth={860}>
              <Table striped withTableBorder fz="sm" verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('sirens.column.siren')}</Table.Th>
                    <Table.Th>{t('sirens.column.place')}</Table.Th>
                    <Table.Th>{t('sirens.column.purpose')}</Table.Th>
                    <Table.Th>{t('sirens.column.state')}</Table.Th>
                    {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {nameOf(s, i18n.language)}{' '}
                          {s.demo && (
                            <Badge size="xs" color={STATUS.neutral} variant="outline">
                              {t('sirens.demo')}
                            </Badge>
                          )}
                        </Text>
                        <Text size="xs" ff="monospace">
                          {s.topicPrefix}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {s.lat.toFixed(5)}, {s.lon.toFixed(5)}
                      </Table.Td>
                      <Table.Td>{t(`sirens.purposes.${s.purpose}`)}</Table.Td>
                      <Table.Td>
                        <SirenState siren={s} />
                      </Table.Td>
                      {canManage && (
                        <Table.Td>
                          <Button size="xs" variant="default" onClick={() => setEditing(s)}>
                            {t('sirens.edit')}
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
      {editing && <SirenModal siren={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
