import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuditLog } from '../../api/audit';
import { AuditTable } from '../../components/AuditTable';
import { OlderButton } from '../../components/OlderButton';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { VerifyChain } from './VerifyChain';

export function AuditPage() {
  const { t } = useTranslation();
  const log = useAuditLog();
  return (
    <Stack>
      <PageTitle title={t('audit.title')} />
      <VerifyChain />
      <QueryState query={log}>
        {(data) => (
          <>
            <AuditTable entries={data.pages.flatMap((p) => p.items)} caption={t('audit.caption')} />
            <OlderButton query={log} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}
