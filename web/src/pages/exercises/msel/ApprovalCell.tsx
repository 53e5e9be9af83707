import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MselEvent } from '../../../api/planningTypes';
import { STATUS } from '../../../theme';

const COLOUR = { draft: STATUS.neutral, submitted: STATUS.warning, approved: STATUS.ok } as const;

const shown = (value: unknown): string =>
  value === null || value === undefined ? '—' : Array.isArray(value) ? value.join(', ') : String(value);

/**
 * The row's approval state and, once it has been approved, what changed since: each changed field
 * with the approved value beside it, so the approver sees exactly what to look at again.
 */
export function ApprovalCell({ event }: { event: MselEvent }) {
  const { t } = useTranslation();
  const changed = event.changedSinceApproval;
  return (
    <div>
      <Badge size="sm" color={COLOUR[event.approval]}>
        {t(`planning.approval.${event.approval}`)}
      </Badge>
      {changed.length > 0 && (
        <details>
          <summary>
            <Text span size="xs" fw={700} c={STATUS.warning}>
              {t('planning.msel.changedSinceApproval', { count: changed.length })}
            </Text>
          </summary>
          {changed.map((field) => (
            <Text key={field} size="xs">
              {t('planning.msel.approvedWas', {
                field: t(`planning.msel.fields.${field}`),
                value: shown(event.approvedVersion?.[field]),
              })}
            </Text>
          ))}
        </details>
      )}
    </div>
  );
}
