import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../auth/useSession';

/**
 * The way from an exercise to its player view, for those who play rather than run it (whoever
 * reads the MSEL has the control room instead).
 */
export function PlayLink({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  const plays = useCan('exercises:play');
  const runs = useCan('msel:read');
  if (!plays || runs) return null;
  return (
    <Button component={Link} to={`/play/${exerciseId}`} size="xs">
      {t('play.open')}
    </Button>
  );
}
