import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportUrl, type SheetKind } from '../../../api/spreadsheets';
import { ImportWizard } from './ImportWizard';
import { useExerciseCan } from '../ExerciseAccess';

/** Import (planners) and export as XLSX or CSV (readers of the MSEL); players see neither. */
export function SpreadsheetActions({ exerciseId, kind }: { exerciseId: string; kind: SheetKind }) {
  const { t } = useTranslation();
  const canImport = useExerciseCan('plan');
  const canExport = useExerciseCan('readControllerSide');
  const [open, setOpen] = useState(false);
  if (!canImport && !canExport) return null;
  return (
    <Group gap="xs" wrap="wrap">
      {canImport && (
        <Button variant="default" onClick={() => setOpen(true)}>
          {t(`imports.open.${kind}`)}
        </Button>
      )}
      {canExport &&
        (['xlsx', 'csv'] as const).map((format) => (
          <Button
            key={format}
            variant="subtle"
            component="a"
            href={exportUrl(exerciseId, kind, format)}
            download
          >
            {t(`imports.export.${format}`, { what: t(`imports.what.${kind}`) })}
          </Button>
        ))}
      {open && <ImportWizard exerciseId={exerciseId} kind={kind} onClose={() => setOpen(false)} />}
    </Group>
  );
}
