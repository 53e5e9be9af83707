import { Alert, Button, FileButton, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { bundleUrl, useImportBundle } from '../../api/sharing';
import { ProblemAlert } from '../../components/ProblemAlert';
import { STATUS } from '../../theme';

/** Downloads the whole exercise as one JSON bundle (it holds the MSEL: planners only). */
export function ExportBundleButton({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  return (
    <Button component="a" href={bundleUrl(exerciseId)} download variant="default">
      {t('sharing.bundle.export')}
    </Button>
  );
}

/** Creates a new exercise from a bundle file and opens it. */
export function ImportBundleButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const importBundle = useImportBundle();
  const [unreadable, setUnreadable] = useState(false);

  const onFile = async (file: File | null) => {
    if (!file) return;
    setUnreadable(false);
    importBundle.reset();
    let bundle: unknown;
    try {
      bundle = JSON.parse(await file.text());
    } catch {
      setUnreadable(true);
      return;
    }
    importBundle.mutate(bundle, { onSuccess: ({ id }) => navigate(`/exercises/${id}`) });
  };

  return (
    <Stack gap={4}>
      <FileButton onChange={(file) => void onFile(file)} accept="application/json,.json">
        {(props) => (
          <Button {...props} variant="default" loading={importBundle.isPending}>
            {t('sharing.bundle.import')}
          </Button>
        )}
      </FileButton>
      {unreadable && (
        <Alert color={STATUS.danger} variant="outline" role="alert">
          {t('sharing.bundle.unreadable')}
        </Alert>
      )}
      <ProblemAlert error={importBundle.error} />
    </Stack>
  );
}
