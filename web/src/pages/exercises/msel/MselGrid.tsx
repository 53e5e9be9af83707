import { VisuallyHidden } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MselEvent, MselFinding, Team } from '../../../api/planningTypes';
import classes from './MselGrid.module.css';
import { MselRow, type RowCallbacks } from './MselRow';
import type { TaskLink } from './taskLinks';
import { zoneName } from '../../../i18n/zones';

interface Props {
  events: MselEvent[];
  findings: Map<string, MselFinding[]>;
  teams: Team[];
  /** The plan's critical tasks by id, to show what each inject is linked to. */
  tasks: ReadonlyMap<string, TaskLink>;
  startex: string;
  zone: string;
  meId: string;
  canPlan: boolean;
  canApprove: boolean;
  on: Omit<RowCallbacks, 'dragStart' | 'dragOver' | 'drop' | 'dragEnd'> & {
    reorder: (movedId: string, targetId: string) => void;
  };
}

const NO_FINDINGS: MselFinding[] = [];
/** Pixels; matches `.row[data-fixed]` in MselGrid.module.css. */
const ROW_HEIGHT = 104;

/**
 * Rows whose content may not fit the fixed height: several findings, a change list, a reason shown,
 * linked critical tasks.
 */
const isIrregular = (e: MselEvent, findings: MselFinding[], meId: string) =>
  findings.length > 1 ||
  e.criticalTaskIds.length > 0 ||
  e.changedSinceApproval.length > 0 ||
  (e.approval === 'submitted' && e.authorId === meId);

/**
 * The MSEL as a virtualised grid: only the rows in view (plus a few) are in the DOM, so 5,000
 * injects scroll like 50. Rows are measured, since findings and long titles make some taller.
 * ARIA table roles keep it a table for screen readers even though it is built from divs.
 */
export function MselGrid({
  events,
  findings,
  teams,
  tasks,
  startex,
  zone,
  meId,
  canPlan,
  canApprove,
  on,
}: Props) {
  const { t, i18n } = useTranslation();
  const zoneText = zoneName(zone, i18n.language);
  const scroller = useRef<HTMLDivElement>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scroller.current,
    // Most rows have this fixed height and are never measured: measuring every row as it scrolls
    // into view (a forced layout each) was what dropped frames. Only irregular rows are measured.
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => events[i]?.id ?? i,
  });

  // Stable callbacks keep the memoised rows from re-rendering on every scroll frame.
  const latest = useRef({ on, dragged });
  latest.current = { on, dragged };
  const callbacks = useMemo<RowCallbacks>(
    () => ({
      update: (e, patch) => latest.current.on.update(e, patch),
      submit: (e) => latest.current.on.submit(e),
      approve: (e) => latest.current.on.approve(e),
      edit: (e) => latest.current.on.edit(e),
      move: (e, by) => latest.current.on.move(e, by),
      dragStart: (e) => setDragged(e.id),
      dragOver: (e) => setOver(e.id),
      drop: (e) => {
        const moved = latest.current.dragged;
        if (moved && moved !== e.id) latest.current.on.reorder(moved, e.id);
        setDragged(null);
        setOver(null);
      },
      dragEnd: () => {
        setDragged(null);
        setOver(null);
      },
    }),
    [],
  );

  const columns = ['number', 'time', 'delivery', 'title', 'expectedAction', 'approval'] as const;

  return (
    <div
      className={classes.table}
      role="table"
      aria-label={t('planning.msel.gridLabel', { zone: zoneText })}
      aria-rowcount={events.length + 1}
      data-testid="msel-grid"
    >
      <div className={classes.scroller} ref={scroller}>
        <div className={classes.header} role="row" aria-rowindex={1} style={{ minWidth: 860 }}>
          <div role="columnheader">
            <VisuallyHidden>{t('planning.msel.columns.move')}</VisuallyHidden>
          </div>
          {columns.map((c) => (
            <div key={c} role="columnheader">
              {t(`planning.msel.columns.${c}`, { zone: zoneText })}
            </div>
          ))}
        </div>
        <div className={classes.inner} style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const event = events[item.index];
            if (!event) return null;
            const rowFindings = findings.get(event.id) ?? NO_FINDINGS;
            const irregular = isIrregular(event, rowFindings, meId);
            return (
              <MselRow
                key={event.id}
                fixed={!irregular}
                event={event}
                rowIndex={item.index + 2}
                start={item.start}
                measureRef={irregular ? virtualizer.measureElement : undefined}
                findings={rowFindings}
                teams={teams}
                tasks={tasks}
                startex={startex}
                zone={zone}
                canPlan={canPlan}
                canApprove={canApprove}
                isMine={event.authorId === meId}
                dragging={dragged === event.id}
                dropTarget={over === event.id && dragged !== event.id}
                on={callbacks}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
