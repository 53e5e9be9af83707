import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api/types';
import { DateTime } from './DateTime';
import classes from './AuditTable.module.css';
import { TableScroll } from './TableScroll';

/** Flat "key: value" pairs read faster than JSON and wrap at their spaces; nested values stay JSON. */
function describeDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

/** Ids are long; the first block tells entries apart at a glance and the whole id stays on hover. */
function Subject({ type, id }: { type: string | null; id: string | null }) {
  const short = id && id.length > 12 ? `${id.slice(0, 8)}…` : id;
  return (
    <Text size="sm" title={id ?? undefined} className={classes.subject}>
      {[type, short].filter(Boolean).join(' ')}
    </Text>
  );
}

/**
 * Each action as the server's sentence in the console's language; its stable code (shared with the
 * CLI and exports) stays on hover and in the JSON.
 */
export function AuditTable({ entries, caption }: { entries: AuditEntry[]; caption: string }) {
  const { t } = useTranslation();
  if (entries.length === 0) return <Text size="sm">{t('audit.empty')}</Text>;
  return (
    <TableScroll label={caption} minWidth={640}>
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
                <Text size="sm" title={entry.action}>
                  {entry.sentence}
                </Text>
              </Table.Td>
              <Table.Td>
                <Subject type={entry.subjectType} id={entry.subjectId} />
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace" lineClamp={2} className={classes.detail}>
                  {describeDetail(entry.detail)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
