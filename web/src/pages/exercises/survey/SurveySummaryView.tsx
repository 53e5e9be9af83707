import { Card, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SurveySummary } from '../../../api/survey';
import { BarChart } from '../../../components/BarChart';
import { formatNumber } from '../../../i18n/numbers';
import { wordingIn } from './text';

type RoleSummary = SurveySummary['roles'][number];
type QuestionSummary = RoleSummary['questions'][number];

/** The answers per role and question: averages with their distribution, yes/no counts, the text. */
export function SurveySummaryView({ summary }: { summary: SurveySummary }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Text>
        {t('survey.summary.totals', {
          responses: summary.responses,
          invited: summary.invited,
          anonymous: summary.anonymous,
        })}
      </Text>
      {summary.roles.map((r) => (
        <Card key={r.role} withBorder padding="md" aria-label={t(`survey.roles.${r.role}`)}>
          <Stack gap="sm">
            <Title order={4}>
              {t(`survey.roles.${r.role}`)} ·{' '}
              {t('survey.summary.ofRole', { responses: r.responses, invited: r.invited })}
            </Title>
            {r.questions.map((q) => (
              <QuestionView key={q.questionId} q={q} />
            ))}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function QuestionView({ q }: { q: QuestionSummary }) {
  const { t, i18n } = useTranslation();
  const label = wordingIn(q.text, i18n.language);
  return (
    <Stack gap={4} data-testid={`summary-${q.questionId}`}>
      <Text fw={600}>{label}</Text>
      {q.kind === 'rating' && (
        <>
          <Text size="sm">
            {q.average === null
              ? t('survey.summary.noRatings')
              : t('survey.summary.average', {
                  average: formatNumber(i18n.language, q.average, { digits: 2 }),
                  answered: q.answered,
                })}
          </Text>
          {q.answered > 0 && (
            <BarChart
              title={t('survey.summary.distribution', { question: label })}
              data={q.distribution.map((value, i) => ({ label: String(i + 1), value }))}
              width={320}
              height={140}
            />
          )}
        </>
      )}
      {q.kind === 'yes-no' && <Text size="sm">{t('survey.summary.yesNo', { yes: q.yes, no: q.no })}</Text>}
      {q.kind === 'text' &&
        (q.answers.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('survey.summary.noText')}
          </Text>
        ) : (
          <List size="sm" spacing={2}>
            {q.answers.map((a, i) => (
              <List.Item key={i} style={{ whiteSpace: 'pre-wrap' }}>
                {a}
              </List.Item>
            ))}
          </List>
        ))}
    </Stack>
  );
}
