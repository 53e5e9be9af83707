import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLiveState } from '../api/liveEvents';

/** Says whether the screen is following changes live or waiting for the stream to come back. */
export function LiveIndicator() {
  const { t } = useTranslation();
  const state = useLiveState();
  const color = state === 'live' ? 'green' : state === 'connecting' ? 'gray' : 'orange';
  return (
    <Tooltip label={state === 'live' ? t('live.liveHelp') : t('live.reconnectingHelp')}>
      <Badge
        variant="dot"
        color={color}
        data-testid="live-state"
        data-state={state}
        role="status"
        aria-live="polite"
      >
        {t(`live.${state}`)}
      </Badge>
    </Tooltip>
  );
}
