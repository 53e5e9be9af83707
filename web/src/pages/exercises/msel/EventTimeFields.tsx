import { Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Exercise } from '../../../api/planningTypes';
import { LocalTimeInput } from '../LocalTimeInput';
import { formatOffset, isoToLocal, localToIso, parseOffset } from '../time';

/**
 * An event's time, typed either as an offset from STARTEX or as the local wall-clock time; typing
 * in one fills in the other, so both are always seen before saving.
 */
export function EventTimeFields({
  exercise,
  initial = null,
  onChange,
}: {
  exercise: Exercise;
  /** Minutes from STARTEX when editing an event. */
  initial?: number | null;
  onChange: (offsetMinutes: number | null) => void;
}) {
  const { t } = useTranslation();
  const startex = Date.parse(exercise.startex);
  const localOf = (minutes: number) =>
    isoToLocal(new Date(startex + minutes * 60_000).toISOString(), exercise.timeZone);
  const [offset, setOffset] = useState(initial === null ? '' : formatOffset(initial));
  const [local, setLocal] = useState(initial === null ? '' : localOf(initial));
  const [error, setError] = useState<string | null>(null);

  const fromOffset = (text: string) => {
    setOffset(text);
    const minutes = parseOffset(text);
    setError(text && minutes === null ? t('planning.msel.badOffset') : null);
    if (minutes !== null) setLocal(localOf(minutes));
    onChange(minutes);
  };
  const fromLocal = (text: string) => {
    setLocal(text);
    const iso = localToIso(text, exercise.timeZone);
    const minutes = iso ? Math.round((Date.parse(iso) - startex) / 60_000) : null;
    if (minutes !== null) setOffset(formatOffset(minutes));
    setError(null);
    onChange(minutes);
  };

  return (
    <Group grow align="flex-start">
      <TextInput
        label={t('planning.msel.fields.offsetMinutes')}
        description={t('planning.msel.offsetHint', { startex: exercise.startexLocal })}
        placeholder={t('planning.msel.offsetExample')}
        required
        value={offset}
        error={error}
        onChange={(e) => fromOffset(e.currentTarget.value)}
      />
      <LocalTimeInput
        label={t('planning.msel.localTime')}
        value={local}
        zone={exercise.timeZone}
        onChange={fromLocal}
      />
    </Group>
  );
}
