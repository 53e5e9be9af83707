import { Badge, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AlertStatus } from '../../api/alerts';

/*
 * Each CAP status looks unmistakably different, in colour, pattern and words, so nobody sends a
 * real alert thinking it is a drill or the reverse (Hawaii, January 2018). Colours are chosen for
 * WCAG AA contrast with white text; the words carry the meaning without the colour.
 */
export const STATUS_LOOK: Record<AlertStatus, { background: string; border: string }> = {
  Actual: { background: '#b00020', border: '6px solid #5c0010' },
  Exercise: {
    background: 'repeating-linear-gradient(135deg, #8a4b00 0 18px, #6e3c00 18px 36px)',
    border: '6px dashed #3d2100',
  },
  Test: { background: '#1f4e8c', border: '6px dotted #0d2a52' },
  System: { background: '#4a4a4a', border: '6px double #1e1e1e' },
  Draft: { background: '#5b2c83', border: '6px dashed #2e1344' },
};

/** The banner above the composer and on every alert: what the status means, in words. */
export function AlertStatusBanner({ status }: { status: AlertStatus }) {
  const { t } = useTranslation();
  const look = STATUS_LOOK[status];
  return (
    <Paper
      p="md"
      radius="sm"
      role="status"
      aria-label={t(`alerts.status.${status}.title`)}
      data-alert-status={status}
      style={{ background: look.background, border: look.border, color: '#fff' }}
    >
      <Text fw={900} fz={status === 'Actual' ? 28 : 24} style={{ letterSpacing: 2 }}>
        {t(`alerts.status.${status}.title`)}
      </Text>
      <Text fw={600}>{t(`alerts.status.${status}.meaning`)}</Text>
    </Paper>
  );
}

/** The status as a small badge in tables, its look taken from the banner. */
export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  const { t } = useTranslation();
  const look = STATUS_LOOK[status];
  return (
    <Badge variant="filled" style={{ background: look.background, color: '#fff' }}>
      {t(`alerts.status.${status}.short`)}
    </Badge>
  );
}
