import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api/types';
import { actorLabel, subjectLabel } from './actorLabel';
import { describeDetail, recordedDetail } from './auditDetail';
import { DateTime } from './DateTime';
import classes from './AuditTable.module.css';
import { TableScroll } from './TableScroll';

/** Ids are long; the first block tells entries apart at a glance and the whole id stays on hover. */
function Subject({ type, id }: { type: string | null; id: string | null }) {
  const { t } = useTranslation();
  const short = id && id.length > 12 ? `${id.slice(0, 8)}…` : id;
  return (
    <Text size="sm" title={id ?? undefined} className={classes.subject}>
      {[type && subjectLabel(t, type), short].filter(Boolean).join(' ')}
    </Text>
  );
}

/**
 * Each action as the server's sentence in the console's language; its stable code (shared with the
 * CLI and exports) stays on hover and in the JSON.
 */
export function AuditTable({ entries, caption }: { entries: AuditEntry[]; caption: string }) {
  const { t, i18n } = useTranslation();
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
              <Table.Td>{actorLabel(t, entry.actorName)}</Table.Td>
              <Table.Td>
                <Text size="sm" title={entry.action}>
                  {entry.sentence}
                </Text>
              </Table.Td>
              <Table.Td>
                <Subject type={entry.subjectType} id={entry.subjectId} />
              </Table.Td>
              <Table.Td>
                <Text size="xs" lineClamp={2} className={classes.detail} title={recordedDetail(entry.detail)}>
                  {describeDetail(t, i18n, entry.subjectType, entry.detail)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
