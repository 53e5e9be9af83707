import { Alert, Badge, Checkbox, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MselChanges } from '../../../api/spreadsheets';
import { STATUS } from '../../../theme';

/**
 * What re-importing the MSEL does to the events already there, matched by number, before anything
 * is written: approvals kept, events changed (back to draft), added, and the ones the sheet no longer
 * names — kept unless the planner ticks their removal here.
 */
export function ReimportChanges({
  changes,
  removeMissing,
  onRemoveMissing,
}: {
  changes: MselChanges;
  removeMissing: boolean;
  onRemoveMissing: (remove: boolean) => void;
}) {
  const { t } = useTranslation();
  const approval = (a: string) => t(`planning.approval.${a}`);
  return (
    <Alert
      color={changes.approvalsReset || changes.missing.length ? STATUS.warning : STATUS.neutral}
      variant="outline"
      title={t('imports.reimport.title')}
      data-testid="import-changes"
    >
      <Stack gap="xs">
        <Text size="sm">
          {t('imports.reimport.summary', {
            unchanged: changes.unchanged.length,
            changed: changes.changed.length,
            added: changes.added.length,
          })}
        </Text>
        <Text size="sm">
          {t('imports.reimport.approvals', {
            kept: changes.approvalsKept,
            reset: changes.approvalsReset,
            list: approval(changes.listApproval),
          })}
        </Text>
        {changes.changed.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              {t('imports.reimport.changedTitle')}
            </Text>
            <List size="sm" data-testid="import-changed">
              {changes.changed.map((c) => (
                <List.Item key={c.number}>
                  {t('imports.reimport.changedItem', {
                    number: c.number,
                    row: c.row,
                    fields: c.fields.map((f) => t(`planning.msel.fields.${f}`)).join(', '),
                  })}{' '}
                  {c.approvalBefore !== 'draft' && (
                    <Badge color={STATUS.warning} size="sm">
                      {t('imports.reimport.backToDraft', { before: approval(c.approvalBefore) })}
                    </Badge>
                  )}
                </List.Item>
              ))}
            </List>
          </>
        )}
        {changes.missing.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              {t('imports.reimport.missingTitle', { count: changes.missing.length })}
            </Text>
            <List size="sm" data-testid="import-missing">
              {changes.missing.map((m) => (
                <List.Item key={m.number}>
                  {t('imports.reimport.missingItem', {
                    number: m.number,
                    title: m.title,
                    approval: approval(m.approval),
                  })}
                </List.Item>
              ))}
            </List>
            <Checkbox
              label={t('imports.reimport.remove', { count: changes.missing.length })}
              checked={removeMissing}
              onChange={(e) => onRemoveMissing(e.currentTarget.checked)}
            />
          </>
        )}
      </Stack>
    </Alert>
  );
}
