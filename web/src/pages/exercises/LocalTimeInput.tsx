import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localToIso, utcOffsetLabel, zoneOffsetMinutes } from './time';
import { zoneName } from '../../i18n/zones';

interface Props {
  label: string;
  value: string;
  zone: string;
  onChange: (value: string) => void;
  required?: boolean;
}

/** A wall-clock time in a named zone; the description says which zone and offset it is read in. */
export function LocalTimeInput({ label, value, zone, onChange, required = true }: Props) {
  const { t, i18n } = useTranslation();
  const iso = localToIso(value, zone);
  const offset = utcOffsetLabel(zoneOffsetMinutes(zone, iso ? new Date(iso) : new Date()));
  return (
    <TextInput
      type="datetime-local"
      label={label}
      required={required}
      value={value}
      description={t('planning.create.localIn', { zone: zoneName(zone, i18n.language), offset })}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
