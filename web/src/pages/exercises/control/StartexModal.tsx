import { Button, Checkbox, Group, List, Modal, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClockCommand, type ExerciseClock } from '../../../api/conduct';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { STATUS } from '../../../theme';
import { conductErrors } from './conductErrors';

/**
 * STARTEX names the exercise and its planned start; a start far from it takes a reason, and injects
 * still awaiting approval are listed for the controller to hold or play.
 */
export function StartexModal({ clock, onClose }: { clock: ExerciseClock; onClose: () => void }) {
  const { t } = useTranslation();
  const command = useClockCommand(clock.exerciseId);
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [rehearsal, setRehearsal] = useState(false);
  const [unapproved, setUnapproved] = useState<'hold' | 'play' | ''>('');
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={t('conduct.startex.title')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          command.mutate(
            {
              command: 'startex',
              confirmName: name,
              plannedStart: clock.plannedStart,
              ...(reason.trim() ? { reason } : {}),
              ...(rehearsal ? { rehearsal } : {}),
              ...(unapproved ? { unapproved } : {}),
            },
            { onSuccess: onClose },
          );
        }}
      >
        <Stack>
          <Text fw={600}>{t('conduct.startex.planned', { at: clock.plannedStartLocal })}</Text>
          <TextInput
            label={t('conduct.startex.typeName', { name: clock.name })}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            data-autofocus
          />
          <Textarea
            label={t('conduct.reason')}
            description={t('conduct.startex.reasonHelp')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={500}
          />
          {clock.unapproved.length > 0 && (
            <Radio.Group
              label={t('conduct.startex.unapprovedTitle', { count: clock.unapproved.length })}
              description={t('conduct.startex.unapprovedHelp')}
              value={unapproved}
              onChange={(v) => setUnapproved(v as 'hold' | 'play')}
              required
            >
              <List size="sm" my="xs">
                {clock.unapproved.map((e) => (
                  <List.Item key={e.id}>
                    {e.number} · {e.title} — {t(`planning.approval.${e.approval}`)}
                  </List.Item>
                ))}
              </List>
              <Stack gap="xs">
                <Radio value="hold" label={t('conduct.startex.unapprovedHold')} />
                <Radio value="play" label={t('conduct.startex.unapprovedPlay')} />
              </Stack>
            </Radio.Group>
          )}
          <Checkbox
            label={t('conduct.startex.rehearsal')}
            checked={rehearsal}
            onChange={(e) => setRehearsal(e.currentTarget.checked)}
          />
          <ProblemAlert error={command.error} byCode={conductErrors(t)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('conduct.cancel')}
            </Button>
            <Button type="submit" color={STATUS.ok} loading={command.isPending}>
              {t('conduct.commands.startex')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
