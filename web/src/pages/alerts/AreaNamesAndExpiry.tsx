import { SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AlertLanguage } from '../../api/alerts';

const LANGUAGES: readonly AlertLanguage[] = ['kk', 'ru', 'en'];

/** An instant as a `datetime-local` field shows it, in the browser's zone, to the minute. */
export function localInput(at: Date | string): string {
  const d = new Date(at);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The area's name in each language and the instant the alert expires, as the composer and an Update ask for them. */
export function AreaNamesAndExpiry(props: {
  names: Record<AlertLanguage, string>;
  onNames: (names: Record<AlertLanguage, string>) => void;
  expires: string;
  onExpires: (value: string) => void;
}) {
  const { t } = useTranslation();
  const { names, onNames } = props;
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {LANGUAGES.map((l) => (
          <TextInput
            key={l}
            label={t(`alerts.composer.areaName.${l}`)}
            value={names[l]}
            onChange={(e) => onNames({ ...names, [l]: e.currentTarget.value })}
          />
        ))}
      </SimpleGrid>
      <TextInput
        type="datetime-local"
        label={t('alerts.composer.expires')}
        value={props.expires}
        onChange={(e) => props.onExpires(e.currentTarget.value)}
      />
    </>
  );
}
