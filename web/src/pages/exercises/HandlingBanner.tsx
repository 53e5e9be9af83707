import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The handling marking heads every tab, as it heads every printed page of an exercise plan. */
export function HandlingBanner({ handling }: { handling: string | null }) {
  const { t } = useTranslation();
  if (!handling) return null;
  return (
    <Alert
      color="#8a4b00"
      variant="outline"
      title={t('planning.exercise.handling')}
      data-testid="handling-marking"
      styles={{ message: { fontWeight: 700, textTransform: 'uppercase', letterSpacing: '0.05em' } }}
    >
      {handling}
    </Alert>
  );
}
