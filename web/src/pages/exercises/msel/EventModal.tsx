import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NativeSelect,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBranching, useSetBranching } from '../../../api/branching';
import { useAddEvent, useDeleteEvent, useUpdateEvent } from '../../../api/msel';
import {
  DELIVERY_METHODS,
  EVENT_KINDS,
  type DeliveryMethod,
  type EventKind,
  type ExercisePlan,
  type MselEvent,
  type MselEventInput,
} from '../../../api/planningTypes';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isConflict } from '../conflict';
import { BranchingFields, draftOf, inputOfDraft, type BranchingDraft } from './BranchingFields';
import { EventTimeFields } from './EventTimeFields';
import { nextNumber } from './nextNumber';
import { linkedObjectives, taskLinks } from './taskLinks';

const CONTROLLER_ROLES = ['controller', 'senior-controller', 'safety-controller', 'simulator', 'director'];

interface Props {
  plan: ExercisePlan;
  events: MselEvent[];
  /** The event to edit; without it the form adds a new one. */
  event?: MselEvent | null;
  onClose: () => void;
}

/**
 * Every field of an inject, controller information or facilitation note, timed by offset or by
 * local time. Editing sends the version the form was opened with, so a change made meanwhile by
 * someone else is refused and said so, not overwritten.
 */
export function EventModal({ plan, events, event = null, onClose }: Props) {
  const { t } = useTranslation();
  const add = useAddEvent(plan.exercise.id);
  const update = useUpdateEvent(plan.exercise.id);
  const save = event ? update : add;
  const remove = useDeleteEvent(plan.exercise.id);
  // Deleting asks once more in place: an MSEL line is hard to retype from memory.
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [f, setF] = useState(() => ({
    number: event?.number ?? nextNumber(events),
    kind: event?.kind ?? ('inject' as EventKind),
    method: event?.method ?? ('radio' as DeliveryMethod),
    scenarioTime: event?.scenarioTime ?? '',
    from: event?.from ?? '',
    teamId: event?.toTeamIds[0] ?? '',
    toText: event?.toText ?? '',
    title: event?.title ?? '',
    content: event?.content ?? '',
    expected: event?.expectedAction ?? '',
    objectiveId: event?.objectiveIds[0] ?? '',
    taskIds: event?.criticalTaskIds ?? [],
    controllerId: event?.responsibleControllerId ?? '',
    contingency: event?.contingency ?? false,
    notes: event?.controllerNotes ?? '',
  }));
  const [offset, setOffset] = useState<number | null>(event?.offsetMinutes ?? null);
  const branching = useBranching(plan.exercise.id);
  const setBranching = useSetBranching(plan.exercise.id);
  const saved = branching.data?.events.find((b) => b.eventId === event?.id);
  // Null until touched: the saved branching may arrive after the form opened.
  const [draft, setDraft] = useState<BranchingDraft | null>(null);
  const shownDraft = draft ?? draftOf(saved);
  const branchingChanged =
    draft !== null && JSON.stringify(inputOfDraft(draft)) !== JSON.stringify(inputOfDraft(draftOf(saved)));
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  const tasks = useMemo(() => taskLinks(plan.objectives), [plan.objectives]);
  // Grouped objective → target, each group listing that target's tasks, numbered as the plan is.
  const taskOptions = useMemo(
    () =>
      plan.objectives.flatMap((o, i) =>
        o.capabilityTargets
          .filter((target) => target.criticalTasks.length > 0)
          .map((target) => ({
            group: t('planning.msel.taskGroup', { n: i + 1, objective: o.text, target: target.text }),
            items: target.criticalTasks.map((k) => ({
              value: k.id,
              label: t('planning.msel.taskLink', { code: tasks.get(k.id)?.code ?? '', text: k.text }),
            })),
          })),
      ),
    [plan.objectives, tasks, t],
  );
  // The same rule the server checks (msel.objective.missing), shown while the form is filled in.
  const unlinked =
    f.kind === 'inject' && f.expected.trim() !== '' && f.objectiveId === '' && f.taskIds.length === 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (offset === null) return;
    const input: MselEventInput = {
      number: f.number.trim(),
      kind: f.kind,
      offsetMinutes: offset,
      method: f.method,
      scenarioTime: f.scenarioTime.trim() || null,
      from: f.from.trim() || null,
      toTeamIds: f.teamId ? [f.teamId] : [],
      toText: f.toText.trim() || null,
      title: f.title.trim(),
      content: f.content,
      expectedAction: f.expected.trim() || null,
      // A single choice here; links made elsewhere (an import) are kept unless this one changes.
      objectiveIds: linkedObjectives(
        event && f.objectiveId === (event.objectiveIds[0] ?? '')
          ? event.objectiveIds
          : f.objectiveId
            ? [f.objectiveId]
            : [],
        f.taskIds,
        tasks,
      ),
      criticalTaskIds: f.taskIds,
      responsibleControllerId: f.controllerId || null,
      contingency: f.contingency,
      controllerNotes: f.notes.trim() || null,
    };
    // The branching is saved after the event (a new one needs its id); a refusal keeps the form open.
    const then = (stored: { id: string }) => {
      if (!branchingChanged || !draft) return onClose();
      setBranching.mutate({ eventId: stored.id, ...inputOfDraft(draft) }, { onSuccess: onClose });
    };
    if (event) update.mutate({ event, patch: input }, { onSuccess: then });
    else add.mutate(input, { onSuccess: then });
  };

  const text = (key: keyof typeof f, label: string, required = false) => (
    <TextInput
      label={t(label)}
      required={required}
      value={String(f[key])}
      onChange={(e) => set({ [key]: e.currentTarget.value })}
    />
  );
  const area = (key: keyof typeof f, label: string, rows: number, required = false) => (
    <Textarea
      label={t(label)}
      required={required}
      autosize
      minRows={rows}
      value={String(f[key])}
      onChange={(e) => set({ [key]: e.currentTarget.value })}
    />
  );

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={event ? t('planning.msel.editEvent', { number: event.number }) : t('planning.msel.add')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Group grow align="flex-start">
            {text('number', 'planning.msel.fields.number', true)}
            <NativeSelect
              label={t('planning.msel.fields.kind')}
              value={f.kind}
              data={EVENT_KINDS.map((k) => ({ value: k, label: t(`planning.eventKinds.${k}`) }))}
              onChange={(e) => set({ kind: e.currentTarget.value as EventKind })}
            />
            <NativeSelect
              label={t('planning.msel.fields.method')}
              value={f.method}
              data={DELIVERY_METHODS.map((m) => ({ value: m, label: t(`planning.methods.${m}`) }))}
              onChange={(e) => set({ method: e.currentTarget.value as DeliveryMethod })}
            />
          </Group>
          <EventTimeFields
            exercise={plan.exercise}
            initial={event?.offsetMinutes ?? null}
            onChange={setOffset}
          />
          <Group grow align="flex-start">
            {text('scenarioTime', 'planning.msel.fields.scenarioTime')}
            {text('from', 'planning.msel.fields.from')}
          </Group>
          <Group grow align="flex-start">
            <NativeSelect
              label={t('planning.msel.fields.toTeamIds')}
              value={f.teamId}
              data={[
                { value: '', label: t('planning.msel.noTeam') },
                ...plan.teams.map((x) => ({ value: x.id, label: x.name })),
              ]}
              onChange={(e) => set({ teamId: e.currentTarget.value })}
            />
            {text('toText', 'planning.msel.fields.toText')}
          </Group>
          {text('title', 'planning.msel.fields.title', true)}
          {area('content', 'planning.msel.fields.content', 3, f.kind === 'inject')}
          {area('expected', 'planning.msel.fields.expectedAction', 2)}
          <Group grow align="flex-start">
            <NativeSelect
              label={t('planning.msel.fields.objectiveIds')}
              value={f.objectiveId}
              data={[
                { value: '', label: t('planning.msel.noObjective') },
                ...plan.objectives.map((o, i) => ({ value: o.id, label: `${i + 1}. ${o.text}` })),
              ]}
              onChange={(e) => set({ objectiveId: e.currentTarget.value })}
            />
            <NativeSelect
              label={t('planning.msel.fields.responsibleControllerId')}
              value={f.controllerId}
              data={[
                { value: '', label: t('planning.msel.noController') },
                ...plan.people
                  .filter((p) => CONTROLLER_ROLES.includes(p.role))
                  .map((p) => ({ value: p.id, label: p.name })),
              ]}
              onChange={(e) => set({ controllerId: e.currentTarget.value })}
            />
          </Group>
          <MultiSelect
            label={t('planning.msel.fields.criticalTaskIds')}
            description={t('planning.msel.tasksHint')}
            placeholder={f.taskIds.length === 0 ? t('planning.msel.noTasks') : undefined}
            data={taskOptions}
            value={f.taskIds}
            onChange={(taskIds) => set({ taskIds })}
            searchable
            clearable
            nothingFoundMessage={t('planning.msel.noTaskFound')}
            comboboxProps={{ withinPortal: true }}
          />
          {unlinked && (
            <Alert color="yellow" variant="light" role="status" p="xs">
              {t('planning.msel.unlinkedWarning')}
            </Alert>
          )}
          {area('notes', 'planning.msel.fields.controllerNotes', 2)}
          <Checkbox
            label={t('planning.msel.fields.contingency')}
            checked={f.contingency}
            onChange={(e) => set({ contingency: e.currentTarget.checked })}
          />
          {f.kind === 'inject' && branching.data && (
            <BranchingFields
              draft={shownDraft}
              onChange={setDraft}
              eventId={event?.id ?? null}
              events={events}
              plan={branching.data.events}
              milestones={branching.data.milestones}
            />
          )}
          <ProblemAlert
            error={save.error ?? setBranching.error ?? remove.error}
            title={isConflict(save.error) ? t('planning.conflict.title') : undefined}
          />
          <Group justify="flex-end">
            {event && !confirmDelete && (
              <Button variant="subtle" color="red" mr="auto" onClick={() => setConfirmDelete(true)}>
                {t('planning.msel.delete')}
              </Button>
            )}
            {event && confirmDelete && (
              <Button
                color="red"
                mr="auto"
                loading={remove.isPending}
                onClick={() => remove.mutate(event.id, { onSuccess: onClose })}
              >
                {t('planning.msel.deleteConfirm', { number: event.number })}
              </Button>
            )}
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={save.isPending || setBranching.isPending}
              disabled={offset === null}
            >
              {event ? t('planning.msel.saveEvent') : t('planning.msel.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
