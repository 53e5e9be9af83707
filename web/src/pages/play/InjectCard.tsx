import { Anchor, Badge, Button, Card, Group, Image, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { photoUrl, useAcknowledge, type PlayerInject } from '../../api/play';
import { ProblemAlert } from '../../components/ProblemAlert';
import { STATUS } from '../../theme';
import { DecisionBlock } from './DecisionBlock';
import { playErrors } from './playErrors';
import { ReportForm } from './ReportForm';

export const useTimeOf = (timeZone: string) => {
  const { i18n } = useTranslation();
  const f = new Intl.DateTimeFormat(i18n.language, {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (iso: string) => f.format(new Date(iso));
};

/** One fired inject as its player reads it: the text as delivered, acknowledgement, the team's reports. */
export function InjectCard({
  exerciseId,
  inject,
  timeZone,
}: {
  exerciseId: string;
  inject: PlayerInject;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const ack = useAcknowledge(exerciseId);
  const time = useTimeOf(timeZone);
  return (
    <Card withBorder radius="md" padding="md" aria-label={t('play.injectLabel', { number: inject.number })}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text fw={700}>{inject.title}</Text>
          <Badge variant="outline" style={{ flexShrink: 0 }}>
            {inject.number}
          </Badge>
        </Group>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{inject.body}</Text>
        <Text size="sm" c="dimmed">
          {t('play.received', { time: time(inject.deliveredAt) })}
        </Text>
        {inject.decision && (
          <DecisionBlock exerciseId={exerciseId} inject={{ ...inject, decision: inject.decision }} />
        )}
        <ProblemAlert error={ack.error} byCode={playErrors(t)} />
        {inject.acknowledgedAt ? (
          <Badge color={STATUS.ok} size="lg">
            {t('play.acknowledgedAt', { time: time(inject.acknowledgedAt) })}
          </Badge>
        ) : (
          <Button size="md" onClick={() => ack.mutate(inject.id)} loading={ack.isPending}>
            {t('play.acknowledge')}
          </Button>
        )}
        {inject.reports.length > 0 && (
          <Stack gap="xs">
            <Text fw={600}>{t('play.reports')}</Text>
            {inject.reports.map((r) => (
              <Card key={r.id} withBorder padding="xs" radius="sm" data-testid="player-report">
                <Stack gap={4}>
                  <Text size="sm" c="dimmed">
                    {r.author} · {time(r.createdAt)}
                  </Text>
                  <Text style={{ whiteSpace: 'pre-wrap' }}>{r.text}</Text>
                  {r.hasPhoto && (
                    <Anchor href={photoUrl(exerciseId, r.id)} target="_blank">
                      <Image
                        src={photoUrl(exerciseId, r.id)}
                        alt={t('play.photoOf', { author: r.author })}
                        mah={200}
                        w="auto"
                        fit="contain"
                      />
                    </Anchor>
                  )}
                  {r.latitude !== null && r.longitude !== null && (
                    <Text size="sm">
                      {t('play.at', { lat: r.latitude.toFixed(5), lon: r.longitude.toFixed(5) })}
                    </Text>
                  )}
                </Stack>
              </Card>
            ))}
          </Stack>
        )}
        <ReportForm exerciseId={exerciseId} injectId={inject.id} />
      </Stack>
    </Card>
  );
}
