import { Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api/types';
import { DateTime } from './DateTime';

/** Actions are stable machine codes shared with the CLI and exports, so they are shown as they are. */
export function AuditTable({ entries, caption }: { entries: AuditEntry[]; caption: string }) {
  const { t } = useTranslation();
  if (entries.length === 0) return <Text size="sm">{t('audit.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('audit.seq')}</Table.Th>
            <Table.Th scope="col">{t('audit.at')}</Table.Th>
            <Table.Th scope="col">{t('audit.actor')}</Table.Th>
            <Table.Th scope="col">{t('audit.action')}</Table.Th>
            <Table.Th scope="col">{t('audit.subject')}</Table.Th>
            <Table.Th scope="col">{t('audit.detail')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.seq}>
              <Table.Td>{entry.seq}</Table.Td>
              <Table.Td>
                <DateTime value={entry.at} />
              </Table.Td>
              <Table.Td>{entry.actorName ?? t('audit.system')}</Table.Td>
              <Table.Td>
                <Code>{entry.action}</Code>
              </Table.Td>
              <Table.Td>{[entry.subjectType, entry.subjectId].filter(Boolean).join(' ')}</Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace" lineClamp={2}>
                  {Object.keys(entry.detail).length ? JSON.stringify(entry.detail) : ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
