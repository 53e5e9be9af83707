import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The way from an exercise to its hot-wash survey: questions, answers and their summary. */
export function SurveyLink({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  return (
    <Button component={Link} to={`/survey/${exerciseId}`} size="xs" variant="light">
      {t('survey.open')}
    </Button>
  );
}
