import { useTranslation } from 'react-i18next';
import type { MselEvent } from '../../../api/planningTypes';
import { STATUS } from '../../../theme';
import classes from './MselGrid.module.css';

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
      {/* Plain elements, not Mantine components: thousands of rows scroll past this cell. */}
      <span className={classes.badge} style={{ background: COLOUR[event.approval] }}>
        {t(`planning.approval.${event.approval}`)}
      </span>
      {changed.length > 0 && (
        <details>
          <summary>
            <span className={`${classes.small} ${classes.warning}`}>
              <strong>{t('planning.msel.changedSinceApproval', { count: changed.length })}</strong>
            </span>
          </summary>
          {changed.map((field) => (
            <div key={field} className={classes.small}>
              {t('planning.msel.approvedWas', {
                field: t(`planning.msel.fields.${field}`),
                value: shown(event.approvedVersion?.[field]),
              })}
            </div>
          ))}
        </details>
      )}
    </div>
  );
}
