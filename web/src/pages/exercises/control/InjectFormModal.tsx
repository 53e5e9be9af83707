import { Button, Group, Modal, MultiSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddInject, useEditInject, type InjectRun } from '../../../api/conduct';
import { usePlan } from '../../../api/exercises';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatExerciseSeconds } from './ClockFaces';
import { conductErrors } from './conductErrors';

/** "H+01:15" → 75 minutes; null when it is not an exercise time. */
function minutesOf(text: string): number | null {
  const m = /^H\+(\d{1,4}):([0-5]\d)$/.exec(text.trim().toUpperCase());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * Adds an inject on the fly (`inject` left out) or edits one before it fires: title, text, teams and
 * exercise time. Added with no time, it fires at once.
 */
export function InjectFormModal({
  exerciseId,
  inject,
  onClose,
}: {
  exerciseId: string;
  inject?: InjectRun;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const plan = usePlan(exerciseId);
  const add = useAddInject(exerciseId);
  const edit = useEditInject(exerciseId);
  const saving = inject ? edit : add;
  const [title, setTitle] = useState(inject?.title ?? '');
  const [content, setContent] = useState(inject?.content ?? '');
  const [teams, setTeams] = useState<string[]>(inject?.toTeamIds ?? []);
  const was = inject ? formatExerciseSeconds(inject.dueSeconds).slice(0, 7) : '';
  const [at, setAt] = useState(was);
  const teamOptions = (plan.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name }));
  const submit = () => {
    if (!inject)
      return add.mutate(
        { title, content, toTeamIds: teams, ...(at.trim() ? { at: at.trim() } : {}) },
        { onSuccess: onClose },
      );
    const minutes = at.trim() === was ? null : minutesOf(at);
    // Only what changed is sent: an edit is audited by the fields it touched.
    const sameTeams =
      teams.length === inject.toTeamIds.length && teams.every((x) => inject.toTeamIds.includes(x));
    edit.mutate(
      {
        injectId: inject.id,
        ...(title !== inject.title ? { title } : {}),
        ...(content !== inject.content ? { content } : {}),
        ...(sameTeams ? {} : { toTeamIds: teams }),
        // A time that does not read goes as -1, so the server names the field.
        ...(at.trim() === was ? {} : { dueMinutes: minutes ?? -1 }),
      },
      { onSuccess: onClose },
    );
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={
        inject
          ? t('conduct.injectForm.editTitle', { number: inject.number })
          : t('conduct.injectForm.addTitle')
      }
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <TextInput
            label={t('conduct.injectForm.title')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
            maxLength={300}
            data-autofocus
          />
          <Textarea
            label={t('conduct.injectForm.content')}
            value={content}
            onChange={(e) => setContent(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={10_000}
          />
          <MultiSelect
            label={t('conduct.injectForm.teams')}
            description={t('conduct.injectForm.teamsHelp')}
            data={teamOptions}
            value={teams}
            onChange={setTeams}
            searchable
            clearable
          />
          <TextInput
            label={t('conduct.injectForm.at')}
            description={inject ? undefined : t('conduct.injectForm.atHelp')}
            value={at}
            onChange={(e) => setAt(e.currentTarget.value)}
            required={!!inject}
          />
          <ProblemAlert error={saving.error} byCode={conductErrors(t)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('conduct.cancel')}
            </Button>
            <Button type="submit" loading={saving.isPending}>
              {inject
                ? t('conduct.injectForm.save')
                : at.trim()
                  ? t('conduct.injectForm.schedule')
                  : t('conduct.injectForm.fireNow')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
