import { Alert, Badge, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { usePlayerView } from '../../api/play';
import { QueryState } from '../../components/QueryState';
import { ClockFaces } from '../exercises/control/ClockFaces';
import { SurveyCard } from '../exercises/survey/SurveyCard';
import { CommCheckCard } from './CommCheckCard';
import { InjectCard } from './InjectCard';

/**
 * The player view, made for a phone first: the three clocks, then the player's own team's fired
 * injects, newest first, each to acknowledge and report on. New ones arrive through the live
 * stream (`inbox.changed`). Under NO PLAY a banner with the reason replaces play altogether.
 */
export function PlayPage() {
  const { exerciseId = '' } = useParams();
  const { t } = useTranslation();
  const view = usePlayerView(exerciseId);
  return (
    <Container size="sm" px={0}>
      <QueryState query={view}>
        {(v) => (
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={2}>{v.name}</Title>
              <Group gap="xs">
                <Text>{v.player}</Text>
                {v.team && <Badge variant="light">{t('play.team', { team: v.team.name })}</Badge>}
              </Group>
            </Stack>
            <SurveyCard exerciseId={exerciseId} />
            {v.commCheck && (!v.commCheck.confirmedAt || v.clock.phase === 'before') && (
              <CommCheckCard exerciseId={exerciseId} check={v.commCheck} timeZone={v.timeZone} />
            )}
            {v.noPlay ? (
              <Alert color="red" variant="filled" role="alert" title={t('play.noPlay.title')}>
                <Stack gap={4}>
                  <Text fw={700} size="lg">
                    {v.noPlay.reason ?? t('play.noPlay.noReason')}
                  </Text>
                  <Text>{t('play.noPlay.body')}</Text>
                </Stack>
              </Alert>
            ) : (
              <>
                <ClockFaces clock={{ reading: v.clock, timeZone: v.timeZone }} />
                <Title order={3}>{t('play.injects')}</Title>
                {v.injects.length === 0 ? (
                  <Text c="dimmed">{t('play.none')}</Text>
                ) : (
                  v.injects.map((i) => (
                    <InjectCard key={i.id} exerciseId={exerciseId} inject={i} timeZone={v.timeZone} />
                  ))
                )}
              </>
            )}
          </Stack>
        )}
      </QueryState>
    </Container>
  );
}
