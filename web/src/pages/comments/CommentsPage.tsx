import { Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  useApproveComment,
  useCommentCounts,
  useComments,
  type CommentStatus,
  type ModeratedComment,
} from '../../api/comments';
import { LiveIndicator } from '../../components/LiveIndicator';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { Age } from './Age';
import { ReasonModal, type ReasonAction } from './ReasonModal';

const STATUSES: CommentStatus[] = ['pending', 'approved', 'rejected'];

function CommentCard({
  comment,
  onReason,
}: {
  comment: ModeratedComment;
  onReason: (action: ReasonAction, comment: ModeratedComment) => void;
}) {
  const { t } = useTranslation();
  const approve = useApproveComment();
  const headingId = `comment-${comment.id}`;
  return (
    <Card withBorder component="article" aria-labelledby={headingId}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={700} id={headingId}>
            {comment.name}
          </Text>
          <Group gap="xs">
            <Badge variant="light" color="gray">
              {comment.language.toUpperCase()}
            </Badge>
            {comment.blocked && (
              <Badge color="red" variant="light">
                {t('comments.blocked')}
              </Badge>
            )}
            <Text size="sm" c="dimmed">
              <Age value={comment.createdAt} />
            </Text>
          </Group>
        </Group>
        <Text size="sm">
          {t('comments.on')}{' '}
          <Anchor component={Link} to={`/notices/${comment.noticeId}`}>
            {comment.noticeTitle || comment.noticeSlug}
          </Anchor>
        </Text>
        <Text size="sm" c="dimmed">
          {t('comments.email', { email: comment.email })}
        </Text>
        {/* Plain text from the public: React escapes it, and line breaks are kept as typed. */}
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} className="comment-text">
          {comment.body}
        </Text>
        {comment.reason && (
          <Text size="sm" c="dimmed">
            {t('comments.reason', { reason: comment.reason })}
          </Text>
        )}
        {approve.error && <ProblemAlert error={approve.error} />}
        <Group gap="xs">
          {comment.status === 'pending' && (
            <Button size="xs" loading={approve.isPending} onClick={() => approve.mutate(comment.id)}>
              {t('comments.approve')}
            </Button>
          )}
          {comment.status !== 'rejected' && (
            <Button size="xs" variant="default" onClick={() => onReason('reject', comment)}>
              {comment.status === 'approved' ? t('comments.takeBack') : t('comments.reject')}
            </Button>
          )}
          {!comment.blocked && (
            <Button size="xs" variant="subtle" color="red" onClick={() => onReason('block', comment)}>
              {t('comments.block')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

/** The moderation queue: every public comment waits here until a moderator approves or rejects it. */
export function CommentsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CommentStatus>('pending');
  const comments = useComments(status);
  const counts = useCommentCounts();
  const [asking, setAsking] = useState<{ action: ReasonAction; comment: ModeratedComment } | null>(null);

  return (
    <Stack>
      <PageTitle title={t('comments.title')}>
        <LiveIndicator />
      </PageTitle>
      <Text size="sm">{t('comments.intro')}</Text>
      <SegmentedControl
        aria-label={t('comments.show')}
        value={status}
        onChange={(v) => setStatus(v as CommentStatus)}
        data={STATUSES.map((s) => ({
          value: s,
          label: t(`comments.status.${s}`, { count: counts.data?.[s] ?? 0 }),
        }))}
        style={{ alignSelf: 'flex-start' }}
      />
      <QueryState query={comments}>
        {(data) =>
          data.items.length === 0 ? (
            <Text size="sm">{t(`comments.empty.${status}`)}</Text>
          ) : (
            <Stack gap="sm" aria-live="polite">
              {data.items.map((c) => (
                <CommentCard
                  key={c.id}
                  comment={c}
                  onReason={(action, comment) => setAsking({ action, comment })}
                />
              ))}
            </Stack>
          )
        }
      </QueryState>
      {asking && <ReasonModal {...asking} onClose={() => setAsking(null)} />}
    </Stack>
  );
}
