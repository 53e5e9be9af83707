import { Alert, Button, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useVerifyAudit } from '../../api/audit';
import { ProblemAlert } from '../../components/ProblemAlert';
import { STATUS } from '../../theme';

/** Recomputes the hash chain on the server; a break names the first entry that no longer fits. */
export function VerifyChain() {
  const { t } = useTranslation();
  const verify = useVerifyAudit();
  const result = verify.data;
  return (
    <Paper withBorder p="sm" radius="sm">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm">{t('audit.verifyIntro')}</Text>
        <Button variant="outline" loading={verify.isPending} onClick={() => verify.mutate()}>
          {t('audit.verify')}
        </Button>
      </Group>
      <ProblemAlert error={verify.error} />
      {result && (
        <Alert
          mt="sm"
          role="status"
          variant="outline"
          color={result.ok ? STATUS.ok : STATUS.danger}
          title={result.ok ? t('audit.chainOk') : t('audit.chainBroken')}
          data-testid="verify-result"
        >
          {result.ok || !result.firstBad
            ? t('audit.chainOkDetail', { entries: result.entries })
            : t('audit.chainBrokenDetail', { seq: result.firstBad.seq, problem: result.firstBad.problem })}
        </Alert>
      )}
    </Paper>
  );
}
