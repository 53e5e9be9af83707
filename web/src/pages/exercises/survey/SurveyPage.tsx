import { Anchor, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useSurvey, useSurveyForm, useSurveySummary } from '../../../api/survey';
import { useCan } from '../../../auth/useSession';
import { QueryState } from '../../../components/QueryState';
import { SurveyAnswerForm } from './SurveyAnswerForm';
import { SurveyEditor } from './SurveyEditor';
import { SurveySummaryView } from './SurveySummaryView';

/**
 * An exercise's hot-wash survey: the reader's own questions when they have a seat in it (the page
 * the survey's messages link to), the questions for planners to edit before ENDEX, and the summary
 * of the answers for directors and evaluators.
 */
export function SurveyPage() {
  const { exerciseId = '' } = useParams();
  const { t } = useTranslation();
  const plans = useCan('exercises:plan');
  const reads = useCan('surveys:read');
  const form = useSurveyForm(exerciseId);
  const survey = useSurvey(exerciseId, plans);
  const summary = useSurveySummary(exerciseId, reads);
  return (
    <Container size="md" px={0}>
      <Stack gap="lg">
        <Anchor component={Link} to={`/exercises/${exerciseId}`} size="sm">
          {t('survey.back')}
        </Anchor>
        <Title order={2}>
          {form.data ? t('survey.titleOf', { name: form.data.name }) : t('survey.title')}
        </Title>
        {form.data && (
          <Stack gap="sm">
            <Title order={3}>{t('survey.feedback')}</Title>
            <SurveyAnswerForm form={form.data} />
          </Stack>
        )}
        {reads && (
          <Stack gap="sm">
            <Title order={3}>{t('survey.summary.title')}</Title>
            <QueryState query={summary}>
              {(s) =>
                s.sentAt ? <SurveySummaryView summary={s} /> : <Text c="dimmed">{t('survey.notOpen')}</Text>
              }
            </QueryState>
          </Stack>
        )}
        {plans && (
          <Stack gap="sm">
            <Title order={3}>{t('survey.editor.title')}</Title>
            <QueryState query={survey}>{(s) => <SurveyEditor key={s.version} survey={s} />}</QueryState>
          </Stack>
        )}
      </Stack>
    </Container>
  );
}
