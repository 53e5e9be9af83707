import {
  Button,
  Group,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreCapabilities, useExercises } from '../../api/exercises';
import { fieldProblems } from '../../api/fieldProblems';
import {
  CAPABILITY_ELEMENTS,
  useCreateImprovement,
  type ImprovementDraft,
  type ImprovementItem,
} from '../../api/improvement';
import { useObservations } from '../../api/observations';
import { useOrganisations } from '../../api/organisations';
import { useUsers } from '../../api/users';
import { useCan } from '../../auth/useSession';
import { ProblemAlert } from '../../components/ProblemAlert';

/** What the form opens with: from a finding, its exercise, capability, observation and text. */
export interface RaisePrefill {
  exerciseId?: string;
  capabilityId?: string;
  observationId?: string | null;
  issue?: string;
  organisationId?: string | null;
}

interface Values {
  exerciseId: string;
  observationId: string;
  capabilityId: string;
  element: string;
  issue: string;
  correctiveAction: string;
  organisationId: string;
  ownerUserId: string;
  ownerName: string;
  contactEmail: string;
  startOn: string;
  dueOn: string;
  testInExerciseId: string;
}

/** The API's field names, each with the key of its label: problems are shown under these. */
const FIELDS = {
  exerciseId: 'exercise',
  observationId: 'observation',
  capabilityId: 'capability',
  element: 'element',
  issue: 'issue',
  correctiveAction: 'correctiveAction',
  organisationId: 'organisation',
  'owner.userId': 'ownerUser',
  'owner.name': 'ownerName',
  contactEmail: 'contactEmail',
  startOn: 'startOn',
  dueOn: 'dueOn',
  testInExerciseId: 'testIn',
} as const;
type Field = keyof typeof FIELDS;

const today = () => new Date().toISOString().slice(0, 10);
const short = (text: string) => (text.length > 90 ? `${text.slice(0, 90)}…` : text);

/** What the form refuses before asking the server: the fields the API requires, and the dates' order. */
function checked(v: Values, required: string): Partial<Record<Field, string>> & { dueOrder?: true } {
  const out: Partial<Record<Field, string>> & { dueOrder?: true } = {};
  const need: [Field, string][] = [
    ['exerciseId', v.exerciseId],
    ['capabilityId', v.capabilityId],
    ['element', v.element],
    ['issue', v.issue.trim()],
    ['correctiveAction', v.correctiveAction.trim()],
    ['organisationId', v.organisationId],
    ['owner.name', v.ownerUserId || v.ownerName.trim()],
    ['startOn', v.startOn],
    ['dueOn', v.dueOn],
  ];
  for (const [field, value] of need) if (!value) out[field] = required;
  if (v.startOn && v.dueOn && v.dueOn < v.startOn) out.dueOrder = true;
  return out;
}

/**
 * Raises a corrective action (HSEEP improvement plan): what to do about which area for improvement,
 * for which core capability and capability element, who answers for it and by when, and the exercise
 * and observation that raised it. Opened on the improvement plan, or from an area for improvement
 * with its exercise, capability and first observation already filled in.
 */
export function RaiseImprovementModal({
  opened,
  prefill,
  onClose,
  onRaised,
}: {
  opened: boolean;
  prefill: RaisePrefill;
  onClose: () => void;
  onRaised?: (item: ImprovementItem) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('improvement.raise.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="xl"
    >
      {opened && <RaiseForm prefill={prefill} onClose={onClose} onRaised={onRaised} />}
    </Modal>
  );
}

function RaiseForm({
  prefill,
  onClose,
  onRaised,
}: {
  prefill: RaisePrefill;
  onClose: () => void;
  onRaised?: ((item: ImprovementItem) => void) | undefined;
}) {
  const { t } = useTranslation();
  const create = useCreateImprovement();
  const readsObservations = useCan('observations:read');
  const readsUsers = useCan('users:read');
  const exercises = useExercises({}).data?.items ?? [];
  const capabilities = useCoreCapabilities().data?.items ?? [];
  const organisations = useOrganisations().data?.items ?? [];
  const users = useUsers(readsUsers).data?.items ?? [];
  const [v, setV] = useState<Values>({
    exerciseId: prefill.exerciseId ?? '',
    observationId: prefill.observationId ?? '',
    capabilityId: prefill.capabilityId ?? '',
    element: '',
    issue: prefill.issue ?? '',
    correctiveAction: '',
    organisationId: prefill.organisationId ?? '',
    ownerUserId: '',
    ownerName: '',
    contactEmail: '',
    startOn: today(),
    dueOn: '',
    testInExerciseId: '',
  });
  const [local, setLocal] = useState<ReturnType<typeof checked>>({});
  const observations = useObservations(v.exerciseId, readsObservations && v.exerciseId !== '');
  const exercise = exercises.find((e) => e.id === v.exerciseId);
  const later = exercises.filter((e) => exercise && e.id !== exercise.id && e.startex > exercise.startex);

  const label = (field: Field) => t(`improvement.raise.field.${FIELDS[field]}`);
  const labels = Object.fromEntries(Object.keys(FIELDS).map((f) => [f, label(f as Field)]));
  const server = fieldProblems(create.error, labels, (l) => t('improvement.raise.quoted', { label: l }));
  const problem = (field: Field) =>
    local[field] ??
    (field === 'dueOn' && local.dueOrder ? t('improvement.raise.dueBeforeStart') : undefined) ??
    server.byField[field];
  const set =
    (key: keyof Values) =>
    (e: { currentTarget: { value: string } }): void => {
      const value = e.currentTarget.value;
      setV((old) => ({
        ...old,
        [key]: value,
        // Another exercise has other observations, and another later exercise to test in.
        ...(key === 'exerciseId' ? { observationId: '', testInExerciseId: '' } : {}),
      }));
    };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checked(v, t('improvement.raise.required'));
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    const body: ImprovementDraft = {
      exerciseId: v.exerciseId,
      observationId: v.observationId || null,
      capabilityId: v.capabilityId,
      element: v.element,
      issue: v.issue.trim(),
      correctiveAction: v.correctiveAction.trim(),
      organisationId: v.organisationId,
      contactEmail: v.contactEmail.trim() || null,
      owner: { userId: v.ownerUserId || null, name: v.ownerName.trim() || null },
      startOn: v.startOn,
      dueOn: v.dueOn,
      testInExerciseId: v.testInExerciseId || null,
    };
    create.mutate(body, {
      onSuccess: (item) => {
        onRaised?.(item);
        onClose();
      },
    });
  };

  const observationChoices = observations.data?.items ?? [];
  // A reader who may not list the exercise's observations (or before they are read) still keeps
  // the one the finding rests on.
  const observationUnlisted =
    v.observationId !== '' && !observationChoices.some((o) => o.id === v.observationId);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('improvement.raise.intro')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={label('exerciseId')}
            withAsterisk
            value={v.exerciseId}
            onChange={set('exerciseId')}
            error={problem('exerciseId')}
            data={[
              { value: '', label: t('improvement.raise.choose') },
              ...exercises.map((e) => ({ value: e.id, label: e.name })),
            ]}
          />
          <NativeSelect
            label={label('observationId')}
            description={t('improvement.raise.observationHelp')}
            value={v.observationId}
            onChange={set('observationId')}
            error={problem('observationId')}
            disabled={v.exerciseId === '' || (!readsObservations && v.observationId === '')}
            data={[
              { value: '', label: t('improvement.raise.noObservation') },
              ...(observationUnlisted
                ? [{ value: v.observationId, label: t('improvement.raise.observationKept') }]
                : []),
              ...observationChoices.map((o) => ({
                value: o.id,
                label: `${o.exerciseTime} — ${short(o.text)}`,
              })),
            ]}
          />
          <NativeSelect
            label={label('capabilityId')}
            withAsterisk
            value={v.capabilityId}
            onChange={set('capabilityId')}
            error={problem('capabilityId')}
            data={[
              { value: '', label: t('improvement.raise.choose') },
              ...capabilities.map((c) => ({ value: c.id, label: c.name })),
            ]}
          />
          <NativeSelect
            label={label('element')}
            description={t('improvement.raise.elementHelp')}
            withAsterisk
            value={v.element}
            onChange={set('element')}
            error={problem('element')}
            data={[
              { value: '', label: t('improvement.raise.choose') },
              ...CAPABILITY_ELEMENTS.map((e) => ({ value: e, label: t(`improvement.element.${e}`) })),
            ]}
          />
        </SimpleGrid>
        <Textarea
          label={label('issue')}
          withAsterisk
          autosize
          minRows={2}
          maxLength={2000}
          value={v.issue}
          onChange={set('issue')}
          error={problem('issue')}
        />
        <Textarea
          label={label('correctiveAction')}
          description={t('improvement.raise.correctiveActionHelp')}
          withAsterisk
          autosize
          minRows={2}
          maxLength={2000}
          value={v.correctiveAction}
          onChange={set('correctiveAction')}
          error={problem('correctiveAction')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={label('organisationId')}
            withAsterisk
            value={v.organisationId}
            onChange={set('organisationId')}
            error={problem('organisationId')}
            data={[
              { value: '', label: t('improvement.raise.choose') },
              ...organisations.map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
          <TextInput
            label={label('contactEmail')}
            type="email"
            maxLength={254}
            value={v.contactEmail}
            onChange={set('contactEmail')}
            error={problem('contactEmail')}
          />
          {readsUsers && (
            <NativeSelect
              label={label('owner.userId')}
              value={v.ownerUserId}
              onChange={set('ownerUserId')}
              error={problem('owner.userId')}
              data={[
                { value: '', label: t('improvement.raise.noUser') },
                ...users.filter((u) => !u.disabled).map((u) => ({ value: u.id, label: u.displayName })),
              ]}
            />
          )}
          <TextInput
            label={label('owner.name')}
            description={t(
              readsUsers ? 'improvement.raise.ownerNameOrUser' : 'improvement.raise.ownerNameHelp',
            )}
            withAsterisk={!v.ownerUserId}
            maxLength={200}
            value={v.ownerName}
            onChange={set('ownerName')}
            error={problem('owner.name')}
          />
          <TextInput
            label={label('startOn')}
            type="date"
            withAsterisk
            value={v.startOn}
            onChange={set('startOn')}
            error={problem('startOn')}
          />
          <TextInput
            label={label('dueOn')}
            type="date"
            withAsterisk
            min={v.startOn || undefined}
            value={v.dueOn}
            onChange={set('dueOn')}
            error={problem('dueOn')}
          />
        </SimpleGrid>
        <NativeSelect
          label={label('testInExerciseId')}
          description={t('improvement.raise.testInHelp')}
          value={v.testInExerciseId}
          onChange={set('testInExerciseId')}
          error={problem('testInExerciseId')}
          disabled={later.length === 0}
          data={[
            { value: '', label: t('improvement.raise.noTestIn') },
            ...later.map((e) => ({ value: e.id, label: e.name })),
          ]}
        />
        <ProblemAlert error={server.other} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('improvement.raise.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
