import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { capUrl, useNoticeHistory, type Notice } from '../../api/notices';
import { DateTime } from '../../components/DateTime';
import { QueryState } from '../../components/QueryState';
import { TableScroll } from '../../components/TableScroll';

/** Every published revision with its CAP message, then every audited step. */
export function NoticeHistory({ notice }: { notice: Notice }) {
  const { t, i18n } = useTranslation();
  const history = useNoticeHistory(notice.id);
  // The console's own words where it has them, else the server's sentence in the same language.
  const action = (e: { action: string; sentence: string }) =>
    i18n.exists(`notices.history.action.${e.action}`) ? t(`notices.history.action.${e.action}`) : e.sentence;

  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          {t('notices.history.title')}
        </Title>
        <Title order={3} size="h5">
          {t('notices.history.revisions')}
        </Title>
        {notice.revisions.length === 0 ? (
          <Text size="sm">{t('notices.history.none')}</Text>
        ) : (
          <ol aria-label={t('notices.history.revisions')} data-testid="notice-revisions">
            {notice.revisions.map((r) => (
              <li key={r.revision}>
                <Text size="sm">
                  <strong>{t('notices.history.revision', { n: r.revision })}</strong> ·{' '}
                  {t(`notices.history.kind.${r.kind}`)} · <DateTime value={r.publishedAt} />
                  {r.publishedBy ? ` · ${t('notices.history.publishedBy', { name: r.publishedBy })}` : ''}
                  {r.note ? ` — ${r.note}` : ''} ·{' '}
                  <Anchor
                    href={capUrl(notice.id, r.revision)}
                    target="_blank"
                    rel="noopener"
                    underline="always"
                  >
                    {t('notices.history.cap', { n: r.revision })}
                  </Anchor>
                </Text>
              </li>
            ))}
          </ol>
        )}
        <Title order={3} size="h5">
          {t('notices.history.steps')}
        </Title>
        <QueryState query={history}>
          {(data) => (
            <TableScroll label={t('notices.history.steps')} minWidth={560}>
              <Table fz="sm" verticalSpacing={4} withTableBorder>
                <Table.Tbody>
                  {data.items.map((e) => (
                    <Table.Tr key={e.seq}>
                      <Table.Td>
                        <DateTime value={e.at} />
                      </Table.Td>
                      <Table.Td>{action(e)}</Table.Td>
                      <Table.Td>{e.actorName ?? '—'}</Table.Td>
                      <Table.Td>
                        {typeof e.detail.reason === 'string'
                          ? e.detail.reason
                          : typeof e.detail.note === 'string'
                            ? e.detail.note
                            : typeof e.detail.changes === 'string'
                              ? e.detail.changes
                              : ''}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </QueryState>
      </Stack>
    </Paper>
  );
}
