import { Button, Group, MultiSelect, SegmentedControl, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Observation } from '../../../api/observations';
import { FINDING_KINDS } from '../../../api/lessons';
import { ProblemAlert } from '../../../components/ProblemAlert';

export interface FindingValues {
  kind: (typeof FINDING_KINDS)[number];
  text: string;
  analysis: string;
  observationIds: string[];
}

/** Writing or changing one finding: its kind (only when new), text, analysis and evidence. */
export function FindingForm({
  initial,
  observations,
  newOne,
  pending,
  error,
  onSave,
  onCancel,
}: {
  initial: FindingValues;
  observations: Observation[];
  newOne: boolean;
  pending: boolean;
  error: unknown;
  onSave: (v: FindingValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState(initial);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave(v);
      }}
    >
      <Stack gap="xs">
        {newOne && (
          <SegmentedControl
            aria-label={t('findings.kindLabel')}
            value={v.kind}
            onChange={(kind) => setV({ ...v, kind: kind as FindingValues['kind'] })}
            data={FINDING_KINDS.map((k) => ({ value: k, label: t(`lessons.kind.${k}`) }))}
          />
        )}
        <Textarea
          label={t('findings.text')}
          required
          autosize
          minRows={2}
          maxLength={2000}
          value={v.text}
          onChange={(e) => setV({ ...v, text: e.currentTarget.value })}
        />
        <Textarea
          label={t('findings.analysis')}
          description={t('findings.analysisHelp')}
          autosize
          minRows={2}
          maxLength={8000}
          value={v.analysis}
          onChange={(e) => setV({ ...v, analysis: e.currentTarget.value })}
        />
        <MultiSelect
          label={t('findings.evidence')}
          searchable
          data={observations.map((o) => ({
            value: o.id,
            label: `${o.exerciseTime} ${o.text.length > 80 ? `${o.text.slice(0, 80)}…` : o.text}`,
          }))}
          value={v.observationIds}
          onChange={(observationIds) => setV({ ...v, observationIds })}
        />
        {error ? <ProblemAlert error={error} /> : null}
        <Group>
          <Button type="submit" loading={pending} disabled={!v.text.trim()}>
            {t('findings.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('findings.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
