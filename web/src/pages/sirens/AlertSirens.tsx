import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STATUS } from '../../theme';
import { useAlertSirens } from '../../api/sirens';

/**
 * Under a sent alert: how many of its sirens acknowledged, how many are still awaited, and, by
 * name, those that did not answer in time.
 */
export function AlertSirens({ alertId }: { alertId: string }) {
  const { t, i18n } = useTranslation();
  const report = useAlertSirens(alertId);
  const r = report.data;
  if (!r || r.commands.length === 0) return null;
  const lang = i18n.language as 'kk' | 'ru' | 'en';
  const silent = r.commands.filter((c) => c.silent);
  return (
    <Stack gap={2} mt={4}>
      <Group gap={4}>
        <Text size="xs" fw={600}>
          {t('sirens.report.title')}
        </Text>
        <Badge size="xs" color={STATUS.ok}>
          {t('sirens.report.acknowledged', { count: r.acknowledged })}
        </Badge>
        {r.waiting > 0 && (
          <Badge size="xs" color={STATUS.neutral}>
            {t('sirens.report.waiting', { count: r.waiting })}
          </Badge>
        )}
        {r.silent > 0 && (
          <Badge size="xs" color={STATUS.danger}>
            {t('sirens.report.silent', { count: r.silent })}
          </Badge>
        )}
      </Group>
      {silent.length > 0 && (
        <Text size="xs" c="red.9" role="status">
          {t('sirens.report.silentList', {
            seconds: r.ackTimeoutSeconds,
            names: silent.map((c) => c.name?.[lang] ?? c.topicPrefix ?? '?').join(', '),
          })}
        </Text>
      )}
    </Stack>
  );
}
