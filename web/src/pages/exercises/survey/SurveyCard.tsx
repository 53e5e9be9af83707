import { Card, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSurveyForm } from '../../../api/survey';
import { SurveyAnswerForm } from './SurveyAnswerForm';

/**
 * The feedback card of the player view: it appears when ENDEX opened the survey and stays, thanking
 * the player, once they answered. Before ENDEX, or for someone without a seat, it shows nothing.
 */
export function SurveyCard({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  const form = useSurveyForm(exerciseId);
  if (!form.data?.open) return null;
  return (
    <Card withBorder radius="md" padding="md" aria-label={t('survey.feedback')}>
      <Stack gap="sm">
        <Title order={3}>{t('survey.feedback')}</Title>
        <SurveyAnswerForm form={form.data} />
      </Stack>
    </Card>
  );
}
