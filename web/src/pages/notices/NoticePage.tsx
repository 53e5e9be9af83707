import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import {
  NOTICE_LANGUAGES,
  useNotice,
  useUpdateNotice,
  type Notice,
  type NoticeArea,
  type NoticeLanguage,
  type NoticeText,
} from '../../api/notices';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { LocalTimeInput } from '../exercises/LocalTimeInput';
import { isoToLocal, localToIso } from '../exercises/time';
import { STATUS } from '../../theme';
import { LanguageBadges, NoticeStatusBadge } from './NoticeBadges';
import { NoticeHistory } from './NoticeHistory';
import { NoticeWorkflow } from './NoticeWorkflow';
import { AreasEditor } from './NoticeAreas';

const EMPTY_TEXT: NoticeText = {
  title: '',
  summary: '',
  seeAndHear: '',
  doList: [],
  dontList: [],
  contacts: '',
};
const REQUIRED = ['title', 'summary', 'seeAndHear', 'contacts'] as const;

/** What the editor holds between saves: the notice's editable parts, lists as one line per item. */
type TextDraft = NoticeText & { doText: string; dontText: string };
type TextField = 'title' | 'summary' | 'seeAndHear' | 'doText' | 'dontText' | 'contacts';

interface Draft {
  city: string;
  startsAt: string;
  endsAt: string;
  texts: Partial<Record<NoticeLanguage, TextDraft>>;
  areas: NoticeArea[];
}

function draftOf(n: Notice): Draft {
  return {
    city: n.city ?? '',
    startsAt: isoToLocal(n.startsAt, n.timeZone),
    endsAt: isoToLocal(n.endsAt, n.timeZone),
    texts: Object.fromEntries(
      Object.entries(n.texts).map(([l, t]) => [
        l,
        { ...t, doText: t.doList.join('\n'), dontText: t.dontList.join('\n') },
      ]),
    ),
    areas: n.areas,
  };
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function NoticePage() {
  const { noticeId = '' } = useParams();
  const notice = useNotice(noticeId);
  return <QueryState query={notice}>{(n) => <NoticeEditor key={n.id} notice={n} />}</QueryState>;
}

function NoticeEditor({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const update = useUpdateNotice(notice.id);
  const [draft, setDraft] = useState<Draft>(() => draftOf(notice));
  const [tab, setTab] = useState<NoticeLanguage>(
    NOTICE_LANGUAGES.find((l) => notice.languages[l] !== 'missing') ?? 'ru',
  );
  const [saved, setSaved] = useState(false);
  const editable = notice.actions.edit.allowed && (notice.status === 'draft' || notice.status === 'review');
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(notice));
  // A new version from the server (saved here, or a workflow step) becomes the draft.
  const [seenVersion, setSeenVersion] = useState(notice.version);
  if (seenVersion !== notice.version) {
    setSeenVersion(notice.version);
    setDraft(draftOf(notice));
  }

  const zone = notice.timeZone;
  const setText = (lang: NoticeLanguage, field: TextField, value: string) =>
    setDraft((d) => ({
      ...d,
      texts: {
        ...d.texts,
        [lang]: { ...(d.texts[lang] ?? { ...EMPTY_TEXT, doText: '', dontText: '' }), [field]: value },
      },
    }));

  const save = () => {
    const startsAt = localToIso(draft.startsAt, zone);
    const endsAt = localToIso(draft.endsAt, zone);
    update.mutate(
      {
        version: notice.version,
        city: draft.city.trim() || null,
        ...(startsAt ? { startsAt } : {}),
        ...(endsAt ? { endsAt } : {}),
        texts: Object.fromEntries(
          NOTICE_LANGUAGES.map((l) => {
            const x = draft.texts[l];
            if (!x) return [l, null];
            const { doText, dontText, ...rest } = x;
            return [l, { ...rest, doList: lines(doText), dontList: lines(dontText) }];
          }),
        ),
        areas: draft.areas,
      },
      { onSuccess: () => setSaved(true) },
    );
  };

  const stale = update.error instanceof ApiError && update.error.code === 'stale_version';
  const title =
    notice.texts.en?.title || notice.texts.ru?.title || notice.texts.kk?.title || t('notices.list.untitled');

  return (
    <Stack>
      <Anchor component={Link} to="/notices" size="sm">
        ← {t('notices.editor.back')}
      </Anchor>
      <PageTitle title={title}>
        <Group gap="xs">
          <NoticeStatusBadge status={notice.status} />
          <LanguageBadges languages={notice.languages} />
        </Group>
      </PageTitle>
      {!notice.actions.edit.allowed && notice.actions.edit.code === 'notice_permission' && (
        <Text size="sm">{t('notices.editor.readOnly')}</Text>
      )}
      {notice.actions.edit.code === 'notice_closed' && <Text size="sm">{t('notices.editor.closed')}</Text>}
      {notice.revision > 0 && (notice.status === 'draft' || notice.status === 'review') && (
        <Alert color="blue">{t('notices.editor.correcting', { revision: notice.revision })}</Alert>
      )}

      <NoticeWorkflow notice={notice} dirty={dirty} />

      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h4">
            {t('notices.editor.texts')}
          </Title>
          <Tabs value={tab} onChange={(v) => v && setTab(v as NoticeLanguage)}>
            <Tabs.List>
              {NOTICE_LANGUAGES.map((l) => {
                const has = draft.texts[l] !== undefined;
                return (
                  <Tabs.Tab
                    key={l}
                    value={l}
                    rightSection={
                      !has ? (
                        <Badge size="xs" color={STATUS.danger} variant="outline">
                          {t('notices.langStatus.missing')}
                        </Badge>
                      ) : notice.languages[l] === 'incomplete' ? (
                        <Badge size="xs" color={STATUS.warning} variant="outline">
                          {t('notices.langStatus.incomplete')}
                        </Badge>
                      ) : null
                    }
                  >
                    {t(`notices.lang.${l}`)}
                  </Tabs.Tab>
                );
              })}
            </Tabs.List>
            {NOTICE_LANGUAGES.map((l) => {
              const x = draft.texts[l];
              const langName = t(`notices.lang.${l}`);
              return (
                <Tabs.Panel key={l} value={l} pt="md">
                  {!x ? (
                    <Stack align="flex-start">
                      <Alert color="red" title={t('notices.langStatus.missing')}>
                        {t('notices.editor.missing', { lang: langName })}
                      </Alert>
                      {editable && (
                        <Button
                          variant="default"
                          onClick={() =>
                            setDraft((d) => ({
                              ...d,
                              texts: { ...d.texts, [l]: { ...EMPTY_TEXT, doText: '', dontText: '' } },
                            }))
                          }
                        >
                          {t('notices.editor.write', { lang: langName })}
                        </Button>
                      )}
                    </Stack>
                  ) : (
                    <Stack gap="sm" lang={l}>
                      {REQUIRED.some((f) => !x[f].trim()) && notice.texts[l] && (
                        <Alert color="orange">
                          {t('notices.editor.incomplete', {
                            lang: langName,
                            fields: REQUIRED.filter((f) => !x[f].trim())
                              .map((f) => t(`notices.editor.${f}`))
                              .join(', '),
                          })}
                        </Alert>
                      )}
                      <TextInput
                        label={t('notices.editor.title')}
                        value={x.title}
                        maxLength={120}
                        readOnly={!editable}
                        onChange={(e) => setText(l, 'title', e.currentTarget.value)}
                      />
                      <Textarea
                        label={t('notices.editor.summary')}
                        value={x.summary}
                        maxLength={500}
                        autosize
                        minRows={2}
                        readOnly={!editable}
                        onChange={(e) => setText(l, 'summary', e.currentTarget.value)}
                      />
                      <Textarea
                        label={t('notices.editor.seeAndHear')}
                        value={x.seeAndHear}
                        maxLength={2000}
                        autosize
                        minRows={2}
                        readOnly={!editable}
                        onChange={(e) => setText(l, 'seeAndHear', e.currentTarget.value)}
                      />
                      <SimpleGrid cols={{ base: 1, sm: 2 }}>
                        <Textarea
                          label={t('notices.editor.doList')}
                          description={t('notices.editor.listHint')}
                          value={x.doText}
                          autosize
                          minRows={3}
                          readOnly={!editable}
                          onChange={(e) => setText(l, 'doText', e.currentTarget.value)}
                        />
                        <Textarea
                          label={t('notices.editor.dontList')}
                          description={t('notices.editor.listHint')}
                          value={x.dontText}
                          autosize
                          minRows={3}
                          readOnly={!editable}
                          onChange={(e) => setText(l, 'dontText', e.currentTarget.value)}
                        />
                      </SimpleGrid>
                      <Textarea
                        label={t('notices.editor.contacts')}
                        value={x.contacts}
                        maxLength={500}
                        autosize
                        readOnly={!editable}
                        onChange={(e) => setText(l, 'contacts', e.currentTarget.value)}
                      />
                      {editable && (
                        <Group>
                          <Button
                            variant="subtle"
                            color="red"
                            onClick={() =>
                              setDraft((d) => {
                                const texts = { ...d.texts };
                                delete texts[l];
                                return { ...d, texts };
                              })
                            }
                          >
                            {t('notices.editor.removeLanguage', { lang: langName })}
                          </Button>
                        </Group>
                      )}
                    </Stack>
                  )}
                </Tabs.Panel>
              );
            })}
          </Tabs>
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h4">
            {t('notices.editor.details')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('notices.editor.city')}
              value={draft.city}
              readOnly={!editable}
              onChange={(e) => {
                const city = e.currentTarget.value;
                setDraft((d) => ({ ...d, city }));
              }}
            />
            <LocalTimeInput
              label={t('notices.editor.startsAt')}
              value={draft.startsAt}
              zone={zone}
              onChange={(v) => editable && setDraft((d) => ({ ...d, startsAt: v }))}
            />
            <LocalTimeInput
              label={t('notices.editor.endsAt')}
              value={draft.endsAt}
              zone={zone}
              onChange={(v) => editable && setDraft((d) => ({ ...d, endsAt: v }))}
            />
          </SimpleGrid>
        </Stack>
      </Paper>

      <AreasEditor
        notice={notice}
        areas={draft.areas}
        editable={editable}
        onChange={(areas) => setDraft((d) => ({ ...d, areas }))}
      />

      {editable && (
        <Group>
          <Button onClick={save} loading={update.isPending} disabled={!dirty}>
            {t('notices.editor.save')}
          </Button>
          {saved && !dirty && (
            <Text size="sm" c={STATUS.ok} role="status">
              {t('notices.editor.saved')}
            </Text>
          )}
        </Group>
      )}
      {stale ? (
        <Alert color="orange" role="alert">
          <Group>
            <Text size="sm">{t('notices.editor.stale')}</Text>
            <Button size="xs" variant="default" onClick={() => window.location.reload()}>
              {t('notices.editor.reload')}
            </Button>
          </Group>
        </Alert>
      ) : (
        <ProblemAlert error={update.error} />
      )}

      {notice.problems.length > 0 && (notice.status === 'draft' || notice.status === 'review') && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('notices.editor.problems')}
          </Title>
          <ul>
            {notice.problems.map((p) => (
              <li key={`${p.path}:${p.rule}`}>
                <Text size="sm">
                  <code>{p.path}</code>: {p.message}
                </Text>
              </li>
            ))}
          </ul>
        </Paper>
      )}

      {notice.revision > 0 && (
        <Group gap="md">
          {NOTICE_LANGUAGES.map((l) =>
            notice.publicUrls[l] ? (
              <Anchor key={l} href={notice.publicUrls[l]} target="_blank" rel="noopener" size="sm">
                {t('notices.editor.publicPage', { lang: l.toUpperCase() })}
              </Anchor>
            ) : null,
          )}
        </Group>
      )}

      <NoticeHistory notice={notice} />
    </Stack>
  );
}
