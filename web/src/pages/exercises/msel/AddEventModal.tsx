import { Button, Checkbox, Group, Modal, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddEvent } from '../../../api/msel';
import {
  DELIVERY_METHODS,
  EVENT_KINDS,
  type DeliveryMethod,
  type EventKind,
  type ExercisePlan,
  type MselEvent,
} from '../../../api/planningTypes';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { EventTimeFields } from './EventTimeFields';
import { nextNumber } from './nextNumber';

const CONTROLLER_ROLES = ['controller', 'senior-controller', 'safety-controller', 'simulator', 'director'];

/** A new inject, controller information or facilitation note, timed by offset or by local time. */
export function AddEventModal({
  plan,
  events,
  onClose,
}: {
  plan: ExercisePlan;
  events: MselEvent[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const add = useAddEvent(plan.exercise.id);
  const [number, setNumber] = useState(() => nextNumber(events));
  const [kind, setKind] = useState<EventKind>('inject');
  const [offset, setOffset] = useState<number | null>(null);
  const [method, setMethod] = useState<DeliveryMethod>('radio');
  const [teamId, setTeamId] = useState('');
  const [from, setFrom] = useState('');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [expected, setExpected] = useState('');
  const [objectiveId, setObjectiveId] = useState('');
  const [controllerId, setControllerId] = useState('');
  const [contingency, setContingency] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (offset === null) return;
    add.mutate(
      {
        number: number.trim(),
        kind,
        offsetMinutes: offset,
        method,
        from: from.trim() || null,
        toTeamIds: teamId ? [teamId] : [],
        title: title.trim(),
        content,
        expectedAction: expected.trim() || null,
        objectiveIds: objectiveId ? [objectiveId] : [],
        responsibleControllerId: controllerId || null,
        contingency,
      },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={t('planning.msel.add')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label={t('planning.msel.fields.number')}
              required
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('planning.msel.fields.kind')}
              value={kind}
              data={EVENT_KINDS.map((k) => ({ value: k, label: t(`planning.eventKinds.${k}`) }))}
              onChange={(e) => setKind(e.currentTarget.value as EventKind)}
            />
            <NativeSelect
              label={t('planning.msel.fields.method')}
              value={method}
              data={DELIVERY_METHODS.map((m) => ({ value: m, label: t(`planning.methods.${m}`) }))}
              onChange={(e) => setMethod(e.currentTarget.value as DeliveryMethod)}
            />
          </Group>
          <EventTimeFields exercise={plan.exercise} onChange={setOffset} />
          <Group grow align="flex-start">
            <TextInput
              label={t('planning.msel.fields.from')}
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('planning.msel.fields.toTeamIds')}
              value={teamId}
              data={[
                { value: '', label: t('planning.msel.noTeam') },
                ...plan.teams.map((x) => ({ value: x.id, label: x.name })),
              ]}
              onChange={(e) => setTeamId(e.currentTarget.value)}
            />
          </Group>
          <TextInput
            label={t('planning.msel.fields.title')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Textarea
            label={t('planning.msel.fields.content')}
            required={kind === 'inject'}
            autosize
            minRows={3}
            value={content}
            onChange={(e) => setContent(e.currentTarget.value)}
          />
          <Textarea
            label={t('planning.msel.fields.expectedAction')}
            autosize
            minRows={2}
            value={expected}
            onChange={(e) => setExpected(e.currentTarget.value)}
          />
          <Group grow align="flex-start">
            <NativeSelect
              label={t('planning.msel.fields.objectiveIds')}
              value={objectiveId}
              data={[
                { value: '', label: t('planning.msel.noObjective') },
                ...plan.objectives.map((o, i) => ({ value: o.id, label: `${i + 1}. ${o.text}` })),
              ]}
              onChange={(e) => setObjectiveId(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('planning.msel.fields.responsibleControllerId')}
              value={controllerId}
              data={[
                { value: '', label: t('planning.msel.noController') },
                ...plan.people
                  .filter((p) => CONTROLLER_ROLES.includes(p.role))
                  .map((p) => ({ value: p.id, label: p.name })),
              ]}
              onChange={(e) => setControllerId(e.currentTarget.value)}
            />
          </Group>
          <Checkbox
            label={t('planning.msel.fields.contingency')}
            checked={contingency}
            onChange={(e) => setContingency(e.currentTarget.checked)}
          />
          <ProblemAlert error={add.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending} disabled={offset === null}>
              {t('planning.msel.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
