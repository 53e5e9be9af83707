import { Button, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../api/types';
import { TableScroll } from '../../components/TableScroll';

interface Props {
  organisations: Organisation[];
  canManage: boolean;
  onAddUnit: (organisationId: string) => void;
}

export function OrganisationsTable({ organisations, canManage, onAddUnit }: Props) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('organisations.title')} minWidth={640}>
      <Table striped withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Caption>{t('organisations.caption', { count: organisations.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('organisations.name')}</Table.Th>
            <Table.Th scope="col">{t('organisations.shortName')}</Table.Th>
            <Table.Th scope="col">{t('organisations.kind')}</Table.Th>
            <Table.Th scope="col">{t('organisations.units')}</Table.Th>
            {canManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {organisations.map((org) => (
            <Table.Tr key={org.id}>
              <Table.Th scope="row" fw={600}>
                {org.name}
              </Table.Th>
              <Table.Td>{org.shortName ?? ''}</Table.Td>
              <Table.Td>{t(`organisations.kinds.${org.kind}`)}</Table.Td>
              <Table.Td>{org.units.map((u) => u.name).join(', ')}</Table.Td>
              {canManage && (
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="default"
                    onClick={() => onAddUnit(org.id)}
                    aria-label={t('organisations.addUnitNamed', { name: org.name })}
                  >
                    {t('organisations.addUnit')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
