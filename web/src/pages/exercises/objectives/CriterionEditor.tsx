import { Checkbox, Fieldset, Group, NativeSelect, NumberInput, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { INJECT_STEPS } from '../../../../../src/core/evaluation/metrics';
import type { MselEvent, Team } from '../../../api/planningTypes';
import type { CriterionDraft } from './objectiveDraft';

interface Props {
  /** The task's name on screen ("Critical task 1.2"), for the legend. */
  name: string;
  value: CriterionDraft | null;
  onChange: (value: CriterionDraft | null) => void;
  injects: readonly Pick<MselEvent, 'number' | 'title'>[];
  teams: readonly Team[];
  /** The server's refusal of one of the criterion's fields, by field ('' for the criterion as a whole). */
  errors: Partial<Record<keyof CriterionDraft | 'criterion', string>>;
}

/**
 * How a critical task is judged from the history: the inject (from the MSEL, by number and title),
 * the step, the team (any when none) and a time limit (none when empty). Unchecked: evaluators
 * judge the task alone.
 */
export function CriterionEditor({ name, value, onChange, injects, teams, errors }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<CriterionDraft>) => value && onChange({ ...value, ...patch });
  // A criterion may name a number the MSEL no longer has; it stays choosable so it is not lost unseen.
  const numbers = injects.some((i) => i.number === value?.injectNumber)
    ? injects
    : value?.injectNumber
      ? [{ number: value.injectNumber, title: '' }, ...injects]
      : injects;
  return (
    <Fieldset legend={t('criteria.legend', { name })} p="xs">
      <Checkbox
        label={t('criteria.measure')}
        description={t('criteria.measureHint')}
        checked={value !== null}
        error={errors.criterion}
        onChange={(e) =>
          onChange(
            e.currentTarget.checked
              ? { injectNumber: injects[0]?.number ?? '', step: 'acknowledged', teamId: '', within: '' }
              : null,
          )
        }
      />
      {value && (
        <Group align="flex-start" mt="xs" grow>
          <NativeSelect
            label={t('criteria.inject')}
            value={value.injectNumber}
            error={errors.injectNumber}
            data={[
              { value: '', label: t('criteria.pickInject'), disabled: true },
              ...numbers.map((i) => ({
                value: i.number,
                label: i.title ? `${i.number}. ${i.title}` : i.number,
              })),
            ]}
            onChange={(e) => set({ injectNumber: e.currentTarget.value })}
          />
          <NativeSelect
            label={t('criteria.step')}
            value={value.step}
            error={errors.step}
            data={INJECT_STEPS.map((s) => ({ value: s, label: t(`criteria.steps.${s}`) }))}
            onChange={(e) => set({ step: e.currentTarget.value as CriterionDraft['step'] })}
          />
          <NativeSelect
            label={t('criteria.team')}
            value={value.teamId}
            error={errors.teamId}
            data={[
              { value: '', label: t('criteria.anyTeam') },
              ...teams.map((x) => ({ value: x.id, label: x.name })),
            ]}
            onChange={(e) => set({ teamId: e.currentTarget.value })}
          />
          <NumberInput
            label={t('criteria.within')}
            description={t('criteria.withinHint')}
            value={value.within}
            error={errors.within}
            decimalScale={1}
            onChange={(v) => set({ within: v })}
          />
        </Group>
      )}
      {value && injects.length === 0 && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('criteria.noInjects')}
        </Text>
      )}
    </Fieldset>
  );
}
