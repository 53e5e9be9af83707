import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseClock } from '../../../api/conduct';
import { STATUS } from '../../../theme';
import { CommandModal, type AskedCommand } from './CommandModal';
import { NoPlayModal } from './NoPlayModal';
import { PolicyText } from './PolicyText';
import { StartexModal } from './StartexModal';

const SPEEDS = ['1', '2', '10', '60'];

/**
 * The controls the clock's phase allows; each opens its confirmation. Under NO PLAY only resuming
 * play and ENDEX are offered (the server refuses the rest).
 */
export function ClockControls({ clock }: { clock: ExerciseClock }) {
  const { t } = useTranslation();
  const [startex, setStartex] = useState(false);
  const [asked, setAsked] = useState<AskedCommand | null>(null);
  const [noPlay, setNoPlay] = useState<boolean | null>(null);
  const { phase, speed, halted } = clock.reading;
  const live = (phase === 'running' || phase === 'paused') && !halted;
  return (
    <Stack gap="xs" role="group" aria-label={t('conduct.controls')}>
      <Group gap="sm" wrap="wrap">
        {phase !== 'ended' &&
          (halted ? (
            <Button color={STATUS.ok} size="md" onClick={() => setNoPlay(false)}>
              {t('conduct.noPlay.resume')}
            </Button>
          ) : (
            <Button color={STATUS.danger} size="md" fw={800} onClick={() => setNoPlay(true)}>
              {t('conduct.noPlay.button')}
            </Button>
          ))}
        {halted && phase !== 'ended' && (
          <Button color={STATUS.danger} variant="outline" onClick={() => setAsked({ command: 'endex' })}>
            {t('conduct.commands.endex')}
          </Button>
        )}
        {phase === 'before' && !halted && (
          <Button color={STATUS.ok} onClick={() => setStartex(true)}>
            {t('conduct.commands.startex')}
          </Button>
        )}
        {phase === 'running' && !halted && (
          <Button color={STATUS.warning} onClick={() => setAsked({ command: 'pause' })}>
            {t('conduct.commands.pause')}
          </Button>
        )}
        {phase === 'paused' && !halted && (
          <Button color={STATUS.ok} onClick={() => setAsked({ command: 'resume' })}>
            {t('conduct.commands.resume')}
          </Button>
        )}
        {live && (
          <>
            <Button variant="default" onClick={() => setAsked({ command: 'jump' })}>
              {t('conduct.commands.jump')}
            </Button>
            <Button variant="default" onClick={() => setAsked({ command: 'move' })}>
              {t('conduct.commands.move')}
            </Button>
            <Group gap={6}>
              <Text size="sm">{t('conduct.speed')}</Text>
              <SegmentedControl
                aria-label={t('conduct.speed')}
                data={SPEEDS.map((s) => ({ value: s, label: `×${s}` }))}
                value={String(speed)}
                onChange={(v) => setAsked({ command: 'speed', speed: Number(v) })}
              />
            </Group>
            <Button color={STATUS.danger} variant="outline" onClick={() => setAsked({ command: 'endex' })}>
              {t('conduct.commands.endex')}
            </Button>
          </>
        )}
      </Group>
      <PolicyText policy={clock.pausePolicy} />
      {startex && <StartexModal clock={clock} onClose={() => setStartex(false)} />}
      {noPlay !== null && <NoPlayModal clock={clock} on={noPlay} onClose={() => setNoPlay(null)} />}
      {asked && <CommandModal clock={clock} asked={asked} onClose={() => setAsked(null)} />}
    </Stack>
  );
}
