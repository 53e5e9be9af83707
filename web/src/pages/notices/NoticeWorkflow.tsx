import { Button, Group, Modal, Paper, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTICE_LANGUAGES, useNoticeStep, type ActionState, type Notice } from '../../api/notices';
import { ProblemAlert } from '../../components/ProblemAlert';

type Step = 'submit' | 'return' | 'publish' | 'correct' | 'cancel';

/**
 * The workflow buttons. A button that cannot be used now stays visible, disabled, with the reason
 * beside it in words ("you drafted this; another person must publish it").
 */
export function NoticeWorkflow({ notice, dirty }: { notice: Notice; dirty: boolean }) {
  const { t } = useTranslation();
  const step = useNoticeStep(notice.id);
  const [dialog, setDialog] = useState<'publish' | 'cancel' | 'return' | null>(null);
  const [text, setText] = useState('');

  const why = (action: string, s: ActionState): string | null => {
    if (s.allowed) return null;
    if (s.code === 'notice_state') return t(`notices.workflow.why.state.${action}`);
    return s.code ? t(`notices.workflow.why.${s.code}`) : (s.reason ?? null);
  };
  const saveFirst = dirty ? t('notices.workflow.saveFirst') : null;
  const problems = notice.problems.length > 0 ? t('notices.workflow.fixFirst') : null;
  const correct: ActionState =
    notice.status === 'published' ? notice.actions.edit : { allowed: false, code: 'notice_state' };

  const buttons: { step: Step; label: string; reason: string | null; primary?: boolean; danger?: boolean }[] =
    [
      {
        step: 'submit',
        label: t('notices.workflow.submit'),
        reason: saveFirst ?? why('submit', notice.actions.submit) ?? problems,
        primary: notice.status === 'draft',
      },
      {
        step: 'publish',
        label: t('notices.workflow.publish'),
        reason: saveFirst ?? why('publish', notice.actions.publish),
        primary: notice.status === 'review',
      },
      { step: 'return', label: t('notices.workflow.return'), reason: why('return', notice.actions.return) },
      { step: 'correct', label: t('notices.workflow.correct'), reason: why('edit', correct) },
      {
        step: 'cancel',
        label: t('notices.workflow.cancel'),
        reason: why('cancel', notice.actions.cancel),
        danger: true,
      },
    ];

  const run = (s: Step, extra: { note?: string | null; reason?: string } = {}) =>
    step.mutate({ step: s, version: notice.version, ...extra }, { onSuccess: () => setDialog(null) });

  const click = (s: Step) => {
    setText('');
    if (s === 'publish') setDialog('publish');
    else if (s === 'cancel' || s === 'return') setDialog(s);
    else run(s);
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('notices.workflow.title')}
        </Title>
        {buttons.map((b) => {
          const reasonId = `notice-why-${b.step}`;
          return (
            <Group key={b.step} gap="sm" wrap="nowrap" align="center">
              <Button
                variant={b.primary ? 'filled' : 'default'}
                color={b.danger ? 'red' : undefined}
                disabled={b.reason !== null}
                loading={step.isPending && step.variables?.step === b.step}
                onClick={() => click(b.step)}
                aria-describedby={b.reason ? reasonId : undefined}
                miw={220}
              >
                {b.label}
              </Button>
              {b.reason && (
                <Text id={reasonId} size="sm" c="dimmed">
                  {b.reason}
                </Text>
              )}
            </Group>
          );
        })}
        {!dialog && <ProblemAlert error={step.error} />}
      </Stack>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        size={dialog === 'publish' ? 'xl' : 'md'}
        title={dialog ? buttons.find((b) => b.step === dialog)?.label : ''}
      >
        <Stack>
          {dialog === 'cancel' && <Text size="sm">{t('notices.workflow.cancelWarning')}</Text>}
          {dialog === 'publish' && <PublishPreview notice={notice} />}
          {(dialog !== 'publish' || notice.revision > 0) && (
            <Textarea
              label={dialog === 'publish' ? t('notices.workflow.note') : t('notices.workflow.reason')}
              placeholder={dialog === 'publish' ? t('notices.workflow.notePlaceholder') : undefined}
              required={dialog !== 'publish'}
              value={text}
              maxLength={dialog === 'publish' ? 500 : 1000}
              autosize
              minRows={2}
              onChange={(e) => setText(e.currentTarget.value)}
            />
          )}
          <ProblemAlert error={step.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              {t('notices.workflow.close')}
            </Button>
            <Button
              color={dialog === 'cancel' ? 'red' : undefined}
              loading={step.isPending}
              disabled={dialog !== 'publish' && text.trim() === ''}
              onClick={() =>
                dialog === 'publish'
                  ? run('publish', { note: text.trim() || null })
                  : dialog && run(dialog, { reason: text.trim() })
              }
            >
              {dialog === 'publish' ? t('notices.workflow.publishNow') : t('notices.workflow.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

/** The public page as residents will see it, per language, before anything is published. */
function PublishPreview({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const first = NOTICE_LANGUAGES.find((l) => notice.languages[l] === 'complete') ?? 'kk';
  return (
    <Stack gap="xs">
      <Text size="sm">{t('notices.workflow.publishCheck')}</Text>
      <Tabs defaultValue={first} keepMounted={false}>
        <Tabs.List>
          {NOTICE_LANGUAGES.map((l) => (
            <Tabs.Tab key={l} value={l}>
              {t(`language.native.${l}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {NOTICE_LANGUAGES.map((l) => (
          <Tabs.Panel key={l} value={l} pt="xs">
            <iframe
              title={t('notices.workflow.previewOf', { lang: t(`language.native.${l}`) })}
              src={`/api/v1/notices/${encodeURIComponent(notice.id)}/preview?lang=${l}`}
              sandbox="allow-same-origin"
              style={{ width: '100%', height: '55vh', border: '1px solid var(--mantine-color-gray-4)' }}
            />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
