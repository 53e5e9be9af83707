import { Fieldset, Group, NativeSelect, NumberInput, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Branching, BranchingInput } from '../../../api/branching';
import type { MselEvent } from '../../../api/planningTypes';

/** The branching part of the event form, as typed (options one per line). */
export interface BranchingDraft {
  asks: boolean;
  question: string;
  options: string;
  waits: 'none' | 'decision' | 'milestone';
  decisionEventId: string;
  option: string;
  milestone: string;
  delay: number;
}

export function draftOf(b: Branching | undefined): BranchingDraft {
  const r = b?.releaseOn ?? null;
  return {
    asks: !!b?.decision,
    question: b?.decision?.question ?? '',
    options: b?.decision?.options.join('\n') ?? '',
    waits: r?.kind ?? 'none',
    decisionEventId: r?.kind === 'decision' ? r.eventId : '',
    option: r?.kind === 'decision' ? r.option : '',
    milestone: r?.kind === 'milestone' ? r.milestone : '',
    delay: r?.delayMinutes ?? 0,
  };
}

/** What is sent; the server checks it (options in use, chains that wait on themselves). */
export function inputOfDraft(d: BranchingDraft): BranchingInput {
  const options = d.options
    .split('\n')
    .map((o) => o.trim())
    .filter(Boolean);
  return {
    decision: d.asks ? { question: d.question.trim(), options } : null,
    releaseOn:
      d.waits === 'decision'
        ? { kind: 'decision', eventId: d.decisionEventId, option: d.option, delayMinutes: d.delay }
        : d.waits === 'milestone'
          ? { kind: 'milestone', milestone: d.milestone.trim(), delayMinutes: d.delay }
          : null,
  };
}

/**
 * An inject's question to its players, and what it waits for before it is sent: another inject's
 * decision with one of its options, or a milestone the controllers mark. Until then it stays hidden.
 */
export function BranchingFields({
  draft,
  onChange,
  eventId,
  events,
  plan,
  milestones,
}: {
  draft: BranchingDraft;
  onChange: (d: BranchingDraft) => void;
  eventId: string | null;
  events: MselEvent[];
  plan: Branching[];
  milestones: string[];
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<BranchingDraft>) => onChange({ ...draft, ...patch });
  const points = plan.filter((b) => b.decision && b.eventId !== eventId);
  const number = (id: string) => events.find((e) => e.id === id)?.number ?? '?';
  const chosenPoint = points.find((p) => p.eventId === draft.decisionEventId);
  return (
    <Fieldset legend={t('branching.title')}>
      <Text size="sm" c="dimmed" mb="xs">
        {t('branching.hint')}
      </Text>
      <Switch
        label={t('branching.asks')}
        checked={draft.asks}
        onChange={(e) => set({ asks: e.currentTarget.checked })}
        mb="xs"
      />
      {draft.asks && (
        <Group grow align="flex-start" mb="xs">
          <TextInput
            label={t('branching.question')}
            required
            value={draft.question}
            onChange={(e) => set({ question: e.currentTarget.value })}
          />
          <Textarea
            label={t('branching.options')}
            required
            autosize
            minRows={2}
            value={draft.options}
            onChange={(e) => set({ options: e.currentTarget.value })}
          />
        </Group>
      )}
      <NativeSelect
        label={t('branching.waitsFor')}
        value={draft.waits}
        data={(['none', 'decision', 'milestone'] as const).map((w) => ({
          value: w,
          label: t(`branching.waits.${w}`),
        }))}
        onChange={(e) => set({ waits: e.currentTarget.value as BranchingDraft['waits'] })}
        mb="xs"
      />
      {draft.waits === 'decision' &&
        (points.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('branching.noDecisions')}
          </Text>
        ) : (
          <Group grow align="flex-start">
            <NativeSelect
              label={t('branching.decisionOf')}
              required
              value={draft.decisionEventId}
              data={[
                { value: '', label: t('branching.pickDecision') },
                ...points.map((p) => ({
                  value: p.eventId,
                  label: `${number(p.eventId)} — ${p.decision!.question}`,
                })),
              ]}
              onChange={(e) => set({ decisionEventId: e.currentTarget.value, option: '' })}
            />
            <NativeSelect
              label={t('branching.option')}
              required
              value={draft.option}
              data={[
                { value: '', label: t('branching.pickOption') },
                ...(chosenPoint?.decision?.options ?? []).map((o) => ({ value: o, label: o })),
              ]}
              onChange={(e) => set({ option: e.currentTarget.value })}
            />
            <NumberInput
              label={t('branching.delay')}
              min={0}
              max={1440}
              allowDecimal={false}
              value={draft.delay}
              onChange={(v) => set({ delay: typeof v === 'number' ? v : 0 })}
            />
          </Group>
        ))}
      {draft.waits === 'milestone' && (
        <Group grow align="flex-start">
          <TextInput
            label={t('branching.milestone')}
            required
            value={draft.milestone}
            list="branching-milestones"
            onChange={(e) => set({ milestone: e.currentTarget.value })}
          />
          <datalist id="branching-milestones">
            {milestones.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
          <NumberInput
            label={t('branching.delay')}
            min={0}
            max={1440}
            allowDecimal={false}
            value={draft.delay}
            onChange={(v) => set({ delay: typeof v === 'number' ? v : 0 })}
          />
        </Group>
      )}
    </Fieldset>
  );
}
