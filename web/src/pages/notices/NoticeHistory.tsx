import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { capUrl, useNoticeHistory, type Notice } from '../../api/notices';
import { DateTime } from '../../components/DateTime';
import { QueryState } from '../../components/QueryState';
import { TableScroll } from '../../components/TableScroll';
import { actorLabel } from '../../components/actorLabel';

/** What changed between two versions, as an edit or an Update records it (`noticeChanges` on the server). */
interface NoticeChanges {
  window: boolean;
  city: boolean;
  texts: Partial<Record<'kk' | 'ru' | 'en', 'added' | 'removed' | 'changed'>>;
  areas: { added: number; removed: number; changed: number };
}

const isChanges = (value: unknown): value is NoticeChanges =>
  typeof value === 'object' && value !== null && 'areas' in value && 'texts' in value;

const TEXT_CHANGE = { added: 'textAdded', removed: 'textRemoved', changed: 'textChanged' } as const;

/** The changes in the reader's language (the server keeps them as data, and English only for CAP). */
function useChangeWords() {
  const { t } = useTranslation();
  return (c: NoticeChanges): string => {
    const parts: string[] = [];
    if (c.window) parts.push(t('notices.history.changed.window'));
    if (c.city) parts.push(t('notices.history.changed.city'));
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const change = c.texts[lang];
      if (change)
        parts.push(t(`notices.history.changed.${TEXT_CHANGE[change]}`, { lang: t(`notices.lang.${lang}`) }));
    }
    if (c.areas.added) parts.push(t('notices.history.changed.areasAdded', { count: c.areas.added }));
    if (c.areas.removed) parts.push(t('notices.history.changed.areasRemoved', { count: c.areas.removed }));
    if (c.areas.changed) parts.push(t('notices.history.changed.areasChanged', { count: c.areas.changed }));
    return parts.length > 0
      ? t('notices.history.changed.list', { list: parts.join(', ') })
      : t('notices.history.changed.none');
  };
}

/** Every published revision with its CAP message, then every audited step. */
export function NoticeHistory({ notice }: { notice: Notice }) {
  const { t, i18n } = useTranslation();
  const history = useNoticeHistory(notice.id);
  const changeWords = useChangeWords();
  // The console's own words where it has them, else the server's sentence in the same language.
  const action = (e: { action: string; sentence: string }) =>
    i18n.exists(`notices.history.action.${e.action}`) ? t(`notices.history.action.${e.action}`) : e.sentence;
  // A revision whose note was written for it from its changes (the PIO gave none) is worded here.
  const revisionChanges = new Map<number, NoticeChanges>();
  for (const e of history.data?.items ?? [])
    if (
      e.action === 'notice.published' &&
      isChanges(e.detail.changed) &&
      typeof e.detail.revision === 'number'
    )
      revisionChanges.set(e.detail.revision, e.detail.changed);
  const revisionNote = (r: { revision: number; note: string | null }) => {
    const changes = revisionChanges.get(r.revision);
    return changes ? changeWords(changes) : r.note;
  };
  const stepNote = (detail: Record<string, unknown>) =>
    typeof detail.reason === 'string'
      ? detail.reason
      : isChanges(detail.changed)
        ? changeWords(detail.changed)
        : typeof detail.note === 'string'
          ? detail.note
          : typeof detail.changes === 'string'
            ? detail.changes
            : '';

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
                  {revisionNote(r) ? ` — ${revisionNote(r)}` : ''} ·{' '}
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
                      <Table.Td>{actorLabel(t, e.actorName)}</Table.Td>
                      <Table.Td>{stepNote(e.detail)}</Table.Td>
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
