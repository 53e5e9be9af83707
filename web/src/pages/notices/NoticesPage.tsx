import { Anchor, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useNotices, type NoticeStatus } from '../../api/notices';
import { useCan } from '../../auth/useSession';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { TableScroll } from '../../components/TableScroll';
import { formatLocal } from '../exercises/time';
import { CreateNoticeModal } from './CreateNoticeModal';
import { LanguageBadges, NoticeStatusBadge } from './NoticeBadges';

const STATUSES: NoticeStatus[] = ['draft', 'review', 'published', 'cancelled', 'expired'];

/** Every notice with its status, city, window and which languages are written. */
export function NoticesPage() {
  const { t } = useTranslation();
  const canDraft = useCan('notices:draft');
  const [status, setStatus] = useState<NoticeStatus | ''>('');
  const notices = useNotices(status || undefined);
  const [creating, setCreating] = useState(false);

  return (
    <Stack>
      <PageTitle title={t('notices.list.title')}>
        {canDraft && <Button onClick={() => setCreating(true)}>{t('notices.list.new')}</Button>}
      </PageTitle>
      <Text size="sm">{t('notices.list.intro')}</Text>
      <Group>
        <NativeSelect
          label={t('notices.list.filter')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as NoticeStatus | '')}
          data={[
            { value: '', label: t('notices.list.any') },
            ...STATUSES.map((s) => ({ value: s, label: t(`notices.status.${s}`) })),
          ]}
        />
      </Group>
      <QueryState query={notices}>
        {(data) =>
          data.items.length === 0 ? (
            <Text size="sm">{t('notices.list.empty')}</Text>
          ) : (
            <TableScroll label={t('notices.list.caption')} minWidth={900}>
              <Table striped withTableBorder fz="sm" verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('notices.list.notice')}</Table.Th>
                    <Table.Th>{t('notices.list.status')}</Table.Th>
                    <Table.Th>{t('notices.list.city')}</Table.Th>
                    <Table.Th>{t('notices.list.window')}</Table.Th>
                    <Table.Th>{t('notices.list.languages')}</Table.Th>
                    <Table.Th>{t('notices.list.revision')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((n) => (
                    <Table.Tr key={n.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/notices/${n.id}`}>
                          {n.title ?? t('notices.list.untitled')}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {t('notices.list.places', { areas: n.areas, closures: n.closures })}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <NoticeStatusBadge status={n.status} />
                      </Table.Td>
                      <Table.Td>{n.city ?? '—'}</Table.Td>
                      <Table.Td>
                        {formatLocal(new Date(n.startsAt), n.timeZone)} –{' '}
                        {formatLocal(new Date(n.endsAt), n.timeZone)}
                      </Table.Td>
                      <Table.Td>
                        <LanguageBadges languages={n.languages} />
                      </Table.Td>
                      <Table.Td>{n.revision > 0 ? n.revision : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )
        }
      </QueryState>
      {creating && <CreateNoticeModal onClose={() => setCreating(false)} />}
    </Stack>
  );
}
