import { Badge, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePlayerDecision } from '../../api/branching';
import type { PlayerInject } from '../../api/play';
import { ProblemAlert } from '../../components/ProblemAlert';
import { STATUS } from '../../theme';
import { playErrors } from './playErrors';

/**
 * The question an inject puts to the team, one large button per option (a phone in a glove); once
 * anyone of the team answers, everyone sees the answer and who gave it.
 */
export function DecisionBlock({
  exerciseId,
  inject,
}: {
  exerciseId: string;
  inject: PlayerInject & { decision: NonNullable<PlayerInject['decision']> };
}) {
  const { t } = useTranslation();
  const decide = usePlayerDecision(exerciseId);
  const d = inject.decision;
  return (
    <Stack gap="xs" role="group" aria-label={t('branching.play.question')}>
      <Text fw={600}>{t('branching.play.question')}</Text>
      <Text>{d.question}</Text>
      {d.chosen ? (
        <Badge color={STATUS.ok} size="lg" style={{ height: 'auto', whiteSpace: 'normal' }}>
          {t('branching.play.chosen', { option: d.chosen, by: d.by ?? '' })}
        </Badge>
      ) : (
        d.options.map((o) => (
          <Button
            key={o}
            size="md"
            variant="outline"
            loading={decide.isPending && decide.variables?.option === o}
            disabled={decide.isPending}
            onClick={() => decide.mutate({ injectId: inject.id, option: o })}
          >
            {o}
          </Button>
        ))
      )}
      <ProblemAlert error={decide.error} byCode={playErrors(t)} />
    </Stack>
  );
}
