import { Button, Group, List, Modal, NumberInput, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useClock,
  useClockCommand,
  useResumePreview,
  type ClockCommand,
  type ExerciseClock,
} from '../../../api/conduct';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { STATUS } from '../../../theme';
import { conductErrors } from './conductErrors';
import { formatExerciseSeconds } from './ClockFaces';
import { clockIn } from './InjectProgress';
import { PolicyText } from './PolicyText';

export type AskedCommand =
  { command: 'pause' | 'endex' | 'resume' | 'jump' | 'move' } | { command: 'speed'; speed: number };

/** What resuming does with the injects that came due, shown before the controller resumes. */
export function ResumePreviewText({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  const preview = useResumePreview(exerciseId, true);
  // In the exercise's zone, as the wall clock above the dialog shows it, not the device's.
  const time = clockIn(useClock(exerciseId).data?.timeZone ?? 'UTC');
  if (!preview.data) return <ProblemAlert error={preview.error} byCode={conductErrors(t)} />;
  const { backlog, pausePolicy } = preview.data;
  return (
    <Stack gap="xs">
      <PolicyText policy={pausePolicy} />
      {backlog.length === 0 ? (
        <Text>{t('conduct.resume.none')}</Text>
      ) : (
        <>
          <Text fw={600}>{t('conduct.resume.backlog', { count: backlog.length })}</Text>
          <List size="sm">
            {backlog.map((b) => (
              <List.Item key={b.id}>
                {b.number} · {formatExerciseSeconds(b.dueSeconds)} · {b.title} —{' '}
                {b.held
                  ? t('conduct.resume.held')
                  : t('conduct.resume.releasedAt', { at: time(b.releasedAt!) })}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Stack>
  );
}

/** A clock command confirmed with a reason; resume first shows what the pause policy will do. */
export function CommandModal({
  clock,
  asked,
  onClose,
}: {
  clock: ExerciseClock;
  asked: AskedCommand;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const command = useClockCommand(clock.exerciseId);
  const [reason, setReason] = useState('');
  const [to, setTo] = useState('');
  const [minutes, setMinutes] = useState<number | string>(60);
  const label = t(`conduct.commands.${asked.command}`);
  const body: ClockCommand = {
    ...asked,
    ...(reason.trim() ? { reason } : {}),
    ...(asked.command === 'jump' ? { to } : {}),
    ...(asked.command === 'move' ? { scenarioMinutes: Number(minutes) } : {}),
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={
        asked.command === 'resume'
          ? t('conduct.resume.title')
          : t('conduct.confirmCommand', { command: label })
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          command.mutate(body, { onSuccess: onClose });
        }}
      >
        <Stack>
          {asked.command === 'resume' && <ResumePreviewText exerciseId={clock.exerciseId} />}
          {asked.command === 'jump' && (
            <TextInput
              label={t('conduct.jumpTo')}
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              required
              data-autofocus
            />
          )}
          {asked.command === 'move' && (
            <NumberInput
              label={t('conduct.moveMinutes')}
              value={minutes}
              onChange={setMinutes}
              min={1}
              allowDecimal={false}
              required
            />
          )}
          <Textarea
            label={t('conduct.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            maxLength={500}
            data-autofocus={asked.command !== 'jump'}
          />
          <ProblemAlert error={command.error} byCode={conductErrors(t)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('conduct.cancel')}
            </Button>
            <Button
              type="submit"
              loading={command.isPending}
              color={asked.command === 'endex' ? STATUS.danger : undefined}
            >
              {asked.command === 'speed' ? `${label} ×${asked.speed}` : label}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
