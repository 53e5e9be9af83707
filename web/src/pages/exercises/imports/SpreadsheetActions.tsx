import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportUrl, type SheetKind } from '../../../api/spreadsheets';
import type { Locale } from '../../../api/types';
import { isLocale, LANGUAGES } from '../../../i18n/i18n';
import { ImportWizard } from './ImportWizard';
import { useExerciseCan } from '../ExerciseAccess';

/**
 * Import (planners) and export as XLSX or CSV (readers of the MSEL); players see neither. The export
 * is in the console's language unless the reader picks another for the sheet.
 */
export function SpreadsheetActions({ exerciseId, kind }: { exerciseId: string; kind: SheetKind }) {
  const { t, i18n } = useTranslation();
  const canImport = useExerciseCan('plan');
  const canExport = useExerciseCan('readControllerSide');
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Locale | null>(null);
  const lang = chosen ?? (isLocale(i18n.language) ? i18n.language : 'en');
  if (!canImport && !canExport) return null;
  return (
    <Group gap="xs" wrap="wrap">
      {canImport && (
        <Button variant="default" onClick={() => setOpen(true)}>
          {t(`imports.open.${kind}`)}
        </Button>
      )}
      {canExport && (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" c="dimmed" aria-hidden>
            {t('imports.export.languageShort')}
          </Text>
          <NativeSelect
            size="xs"
            aria-label={t('imports.export.language', { what: t(`imports.what.${kind}`) })}
            value={lang}
            onChange={(e) => isLocale(e.currentTarget.value) && setChosen(e.currentTarget.value)}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`language.native.${l}`) }))}
          />
        </Group>
      )}
      {canExport &&
        (['xlsx', 'csv'] as const).map((format) => (
          <Button
            key={format}
            variant="subtle"
            component="a"
            href={exportUrl(exerciseId, kind, format, lang)}
            download
          >
            {t(`imports.export.${format}`, { what: t(`imports.what.${kind}`) })}
          </Button>
        ))}
      {open && <ImportWizard exerciseId={exerciseId} kind={kind} onClose={() => setOpen(false)} />}
    </Group>
  );
}
