import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlockAddress, useRejectComment, type ModeratedComment } from '../../api/comments';
import { ProblemAlert } from '../../components/ProblemAlert';

export type ReasonAction = 'reject' | 'block';

/** Rejecting a comment or blocking its address always says why: the reason goes into the audit log. */
export function ReasonModal({
  action,
  comment,
  onClose,
}: {
  action: ReasonAction;
  comment: ModeratedComment;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const reject = useRejectComment();
  const block = useBlockAddress();
  const mutation = action === 'reject' ? reject : block;
  const submit = () => {
    const done = { onSuccess: onClose };
    if (action === 'reject') reject.mutate({ id: comment.id, reason }, done);
    else block.mutate({ commentId: comment.id, reason }, done);
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={t(`comments.${action}Title`, { name: comment.name })}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          {action === 'block' && (
            <Text size="sm">{t('comments.blockExplain', { email: comment.email })}</Text>
          )}
          <Textarea
            label={t('comments.reasonLabel')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            maxLength={500}
            autosize
            minRows={2}
            data-autofocus
          />
          {mutation.error && <ProblemAlert error={mutation.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={mutation.isPending} disabled={!reason.trim()}>
              {t(`comments.${action}Confirm`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
