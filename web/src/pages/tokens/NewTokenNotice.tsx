import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STATUS } from '../../theme';

export function NewTokenNotice({
  name,
  token,
  onDismiss,
}: {
  name: string;
  token: string;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert color={STATUS.warning} variant="outline" title={t('tokens.createdTitle', { name })} role="status">
      <Stack gap="xs">
        <Text size="sm">{t('tokens.shownOnce')}</Text>
        <Code block data-testid="new-token">
          {token}
        </Code>
        <Group gap="xs">
          <CopyButton value={token}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant="outline" onClick={copy}>
                {copied ? t('tokens.copied') : t('tokens.copy')}
              </Button>
            )}
          </CopyButton>
          <Button size="compact-sm" variant="default" onClick={onDismiss}>
            {t('tokens.dismiss')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
