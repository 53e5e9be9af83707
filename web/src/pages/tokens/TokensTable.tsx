import { Badge, Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRevokeToken } from '../../api/tokens';
import type { ApiToken } from '../../api/types';
import { DateTime } from '../../components/DateTime';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TableScroll } from '../../components/TableScroll';
import { STATUS } from '../../theme';

function isLive(token: ApiToken): boolean {
  return !token.revokedAt && (!token.expiresAt || new Date(token.expiresAt) > new Date());
}

export function TokensTable({ tokens }: { tokens: ApiToken[] }) {
  const { t } = useTranslation();
  const revoke = useRevokeToken();
  if (tokens.length === 0) return <Text size="sm">{t('tokens.none')}</Text>;
  return (
    <>
      <ProblemAlert error={revoke.error} />
      <TableScroll label={t('tokens.caption')} minWidth={760}>
        <Table striped withTableBorder fz="sm" verticalSpacing={4}>
          <Table.Caption>{t('tokens.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tokens.name')}</Table.Th>
              <Table.Th scope="col">{t('tokens.scopes')}</Table.Th>
              <Table.Th scope="col">{t('tokens.createdAt')}</Table.Th>
              <Table.Th scope="col">{t('tokens.expiresAt')}</Table.Th>
              <Table.Th scope="col">{t('tokens.lastUsedAt')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Th scope="row" fw={600}>
                  {token.name}
                </Table.Th>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {token.scopes.join(' ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <DateTime value={token.createdAt} />
                </Table.Td>
                <Table.Td>
                  <DateTime value={token.expiresAt} />
                </Table.Td>
                <Table.Td>
                  <DateTime value={token.lastUsedAt} />
                </Table.Td>
                <Table.Td>
                  {isLive(token) ? (
                    <Button
                      size="compact-xs"
                      variant="outline"
                      color={STATUS.danger}
                      loading={revoke.isPending && revoke.variables === token.id}
                      onClick={() => revoke.mutate(token.id)}
                      aria-label={t('tokens.revokeNamed', { name: token.name })}
                    >
                      {t('tokens.revoke')}
                    </Button>
                  ) : (
                    <Badge color={STATUS.neutral}>
                      {token.revokedAt ? t('tokens.revoked') : t('tokens.expired')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </>
  );
}
