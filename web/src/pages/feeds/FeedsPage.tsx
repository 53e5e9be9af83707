import { Badge, Button, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddFeed, useFeedAlerts, useFeeds, usePollFeed, type CapFeed } from '../../api/feeds';
import { useCan } from '../../auth/useSession';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SubmitForm } from '../../components/SubmitForm';
import { TableScroll } from '../../components/TableScroll';
import { STATUS } from '../../theme';
import { formatInstant } from '../../components/DateTime';

type Lang = 'kk' | 'ru' | 'en';

/**
 * Other authorities' CAP feeds: what each last poll did and found wrong, and what it brought, each
 * alert with its signature verdict. Administrators of the installation add feeds and poll one at
 * once; a trust store (a folder on the server) is set from the CLI.
 */
export function FeedsPage() {
  const { t, i18n } = useTranslation();
  const feeds = useFeeds();
  const poll = usePollFeed();
  const canManage = useCan('feeds:manage');
  const [open, setOpen] = useState<string | null>(null);
  const when = (at: string | null) => (at ? formatInstant(i18n.language, at) : '—');
  return (
    <Stack>
      <PageTitle title={t('feeds.title')} />
      <Text>{t('feeds.intro')}</Text>
      <QueryState query={feeds}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('feeds.none')}</Text>
          ) : (
            <TableScroll label={t('feeds.title')} minWidth={760}>
              <Table striped withTableBorder fz="sm" aria-label={t('feeds.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('feeds.name')}</Table.Th>
                    <Table.Th scope="col">{t('feeds.lastPoll')}</Table.Th>
                    <Table.Th scope="col">{t('feeds.alerts')}</Table.Th>
                    <Table.Th scope="col">{t('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((f) => (
                    <Table.Tr key={f.id}>
                      <Table.Th scope="row">
                        <Stack gap={2}>
                          <Text size="sm" fw={600}>
                            {f.name[i18n.language as Lang] ?? f.name.en}
                          </Text>
                          <Text size="xs" style={{ wordBreak: 'break-all' }}>
                            {f.url}
                          </Text>
                          <Text size="xs">
                            {f.trustStore ? t('feeds.trusted') : t('feeds.untrusted')} ·{' '}
                            {t('feeds.every', { seconds: f.pollSeconds })}
                          </Text>
                        </Stack>
                      </Table.Th>
                      <Table.Td>
                        <LastPoll feed={f} when={when} />
                      </Table.Td>
                      <Table.Td>{f.alerts}</Table.Td>
                      <Table.Td>
                        <Group gap="xs">
                          <Button
                            size="compact-sm"
                            variant="default"
                            onClick={() => setOpen(open === f.id ? null : f.id)}
                            aria-expanded={open === f.id}
                          >
                            {open === f.id ? t('feeds.hideAlerts') : t('feeds.showAlerts')}
                          </Button>
                          {canManage && (
                            <Button
                              size="compact-sm"
                              loading={poll.isPending && poll.variables === f.id}
                              onClick={() => poll.mutate(f.id)}
                            >
                              {t('feeds.pollNow')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )
        }
      </QueryState>
      <ProblemAlert error={poll.error} />
      {poll.data && (
        <Text role="status">
          {t('feeds.polled', {
            added: poll.data.report.added,
            duplicates: poll.data.report.duplicates,
            findings: poll.data.report.findings.length,
          })}
        </Text>
      )}
      {open && <FeedAlerts feedId={open} when={when} />}
      {canManage && <AddFeedForm />}
    </Stack>
  );
}

function LastPoll({ feed, when }: { feed: CapFeed; when: (at: string | null) => string }) {
  const { t } = useTranslation();
  if (!feed.lastPolledAt) return <Text size="sm">{t('feeds.neverPolled')}</Text>;
  const failed = feed.lastOutcome === 'failed';
  return (
    <Stack gap={2}>
      <Group gap={6}>
        <Badge color={failed ? STATUS.danger : STATUS.ok}>
          {t(`feeds.outcome.${feed.lastOutcome ?? 'failed'}`, { defaultValue: feed.lastOutcome ?? '' })}
        </Badge>
        <Text size="sm">{when(feed.lastPolledAt)}</Text>
      </Group>
      {feed.lastFindings.slice(0, 3).map((f, i) => (
        <Text key={i} size="xs" c={f.severity === 'error' ? 'red.9' : undefined}>
          {f.path}: {f.message}
        </Text>
      ))}
    </Stack>
  );
}

function FeedAlerts({ feedId, when }: { feedId: string; when: (at: string | null) => string }) {
  const { t } = useTranslation();
  const alerts = useFeedAlerts(feedId);
  return (
    <Stack gap="xs" component="section" aria-labelledby="feed-alerts-title">
      <Title order={3} id="feed-alerts-title">
        {t('feeds.brought')}
      </Title>
      <QueryState query={alerts}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('feeds.noAlerts')}</Text>
          ) : (
            <TableScroll label={t('feeds.brought')} minWidth={760}>
              <Table striped withTableBorder fz="sm" aria-labelledby="feed-alerts-title">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('feeds.headline')}</Table.Th>
                    <Table.Th scope="col">{t('feeds.sender')}</Table.Th>
                    <Table.Th scope="col">{t('feeds.kind')}</Table.Th>
                    <Table.Th scope="col">{t('feeds.sent')}</Table.Th>
                    <Table.Th scope="col">{t('feeds.signature')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((a) => (
                    <Table.Tr key={`${a.sender}/${a.identifier}`}>
                      <Table.Td>
                        {a.headline ?? a.identifier}
                        {a.supersededBy && (
                          <Text size="xs">{t('feeds.superseded', { by: a.supersededBy })}</Text>
                        )}
                      </Table.Td>
                      <Table.Td>{a.senderName ?? a.sender}</Table.Td>
                      <Table.Td>
                        {a.status} · {a.msgType}
                      </Table.Td>
                      <Table.Td>{when(a.sent)}</Table.Td>
                      <Table.Td>
                        <Badge color={a.verified ? STATUS.ok : STATUS.warning} variant="outline">
                          {a.verified
                            ? t('feeds.verified')
                            : a.signatures === 0
                              ? t('feeds.unsigned')
                              : t('feeds.notVerified')}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )
        }
      </QueryState>
    </Stack>
  );
}

function AddFeedForm() {
  const { t } = useTranslation();
  const add = useAddFeed();
  const [url, setUrl] = useState('');
  const [name, setName] = useState({ kk: '', ru: '', en: '' });
  const [pollSeconds, setPollSeconds] = useState<number | string>(60);
  const submit = () =>
    add.mutate(
      { url: url.trim(), name, pollSeconds: Number(pollSeconds) },
      {
        onSuccess: () => {
          setUrl('');
          setName({ kk: '', ru: '', en: '' });
        },
      },
    );
  return (
    <SubmitForm legend={t('feeds.add')} submitLabel={t('feeds.addSubmit')} onSubmit={submit} mutation={add}>
      <TextInput
        label={t('feeds.url')}
        required
        value={url}
        onChange={(e) => setUrl(e.currentTarget.value)}
      />
      <Group grow align="flex-start">
        {(['kk', 'ru', 'en'] as const).map((l) => (
          <TextInput
            key={l}
            label={t(`feeds.nameIn.${l}`)}
            required
            value={name[l]}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setName((n) => ({ ...n, [l]: v }));
            }}
          />
        ))}
      </Group>
      <NumberInput
        label={t('feeds.pollSeconds')}
        min={30}
        max={86_400}
        value={pollSeconds}
        onChange={setPollSeconds}
        maw={240}
      />
    </SubmitForm>
  );
}
