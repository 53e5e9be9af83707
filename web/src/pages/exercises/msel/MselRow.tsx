import { memo, type DragEvent, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DELIVERY_METHODS,
  type DeliveryMethod,
  type MselEvent,
  type MselEventInput,
  type MselFinding,
} from '../../../api/planningTypes';
import { ApprovalCell } from './ApprovalCell';
import { EditableText } from './EditableText';
import { FindingsList } from './FindingsList';
import classes from './MselGrid.module.css';
import { RowActions } from './RowActions';
import type { TaskLink } from './taskLinks';
import { TimeCell } from './TimeCell';

export interface RowCallbacks {
  update: (event: MselEvent, patch: Partial<MselEventInput>) => void;
  submit: (event: MselEvent) => void;
  approve: (event: MselEvent) => void;
  /** Opens every field of the event in a form. */
  edit: (event: MselEvent) => void;
  /** Keyboard reordering: -1 up, +1 down. */
  move: (event: MselEvent, by: -1 | 1) => void;
  dragStart: (event: MselEvent) => void;
  dragOver: (event: MselEvent) => void;
  drop: (event: MselEvent) => void;
  dragEnd: () => void;
}

export interface MselRowProps {
  event: MselEvent;
  rowIndex: number;
  start: number;
  /** Measured rows get a ref; fixed-height rows do not, which keeps scrolling free of layout reads. */
  measureRef: Ref<HTMLDivElement> | undefined;
  fixed: boolean;
  findings: MselFinding[];
  teams: { id: string; name: string }[];
  tasks: ReadonlyMap<string, TaskLink>;
  startex: string;
  zone: string;
  canPlan: boolean;
  canApprove: boolean;
  isMine: boolean;
  dragging: boolean;
  dropTarget: boolean;
  on: RowCallbacks;
}

/** One MSEL event; memoised so scrolling 5,000 rows re-renders only the rows that come into view. */
export const MselRow = memo(function MselRow(props: MselRowProps) {
  const { event, findings, teams, canPlan, on } = props;
  const { t } = useTranslation();
  const teamName = new Map(teams.map((x) => [x.id, x.name]));
  const to = [...event.toTeamIds.map((id) => teamName.get(id) ?? id), event.toText ?? ''].filter(Boolean);

  const keyMove = (e: KeyboardEvent) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    on.move(event, e.key === 'ArrowUp' ? -1 : 1);
  };
  const allowDrop = (e: DragEvent) => {
    if (!canPlan) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    on.dragOver(event);
  };

  return (
    <div
      ref={props.measureRef}
      data-index={props.rowIndex - 2}
      role="row"
      aria-rowindex={props.rowIndex}
      className={classes.row}
      style={{ transform: `translateY(${props.start}px)` }}
      data-fixed={props.fixed}
      data-dragging={props.dragging}
      data-drop-target={props.dropTarget}
      data-error={findings.some((f) => f.severity === 'error')}
      data-testid="msel-row"
      onDragOver={allowDrop}
      onDrop={(e) => {
        e.preventDefault();
        on.drop(event);
      }}
    >
      <div role="cell">
        {canPlan && (
          <button
            type="button"
            className={classes.handle}
            draggable
            aria-label={t('planning.msel.moveHandle', { number: event.number })}
            onKeyDown={keyMove}
            onDragStart={(e) => {
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', event.id);
              const row = e.currentTarget.closest('[role="row"]');
              if (row) e.dataTransfer.setDragImage(row, 16, 16);
              on.dragStart(event);
            }}
            onDragEnd={on.dragEnd}
          >
            ⠿
          </button>
        )}
      </div>
      <div role="rowheader">
        <strong>{event.number}</strong>
        <div className={classes.small}>{t(`planning.eventKinds.${event.kind}`)}</div>
      </div>
      <div role="cell">
        <TimeCell
          event={event}
          startex={props.startex}
          zone={props.zone}
          editable={canPlan}
          onSave={(offsetMinutes) => on.update(event, { offsetMinutes })}
        />
      </div>
      <div role="cell">
        {canPlan ? (
          <select
            className={classes.select}
            aria-label={t('planning.msel.editMethod', { number: event.number })}
            value={event.method}
            onChange={(e) => on.update(event, { method: e.currentTarget.value as DeliveryMethod })}
          >
            {DELIVERY_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`planning.methods.${m}`)}
              </option>
            ))}
          </select>
        ) : (
          <div>{t(`planning.methods.${event.method}`)}</div>
        )}
        {canPlan ? (
          <select
            className={classes.select}
            aria-label={t('planning.msel.editTeam', { number: event.number })}
            value={event.toTeamIds[0] ?? ''}
            onChange={(e) =>
              on.update(event, { toTeamIds: e.currentTarget.value ? [e.currentTarget.value] : [] })
            }
          >
            <option value="">{event.toText ?? t('planning.msel.noTeam')}</option>
            {teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        ) : (
          <div>{to.join(', ')}</div>
        )}
      </div>
      <div role="cell">
        <EditableText
          editable={canPlan}
          initial={event.title}
          label={t('planning.msel.editTitle', { number: event.number })}
          display={<span className={classes.clamp}>{event.title}</span>}
          onSave={(title) => {
            if (!title.trim()) return t('planning.msel.titleRequired');
            on.update(event, { title: title.trim() });
            return null;
          }}
        />
        <FindingsList findings={findings} />
      </div>
      <div role="cell">
        <EditableText
          editable={canPlan}
          initial={event.expectedAction ?? ''}
          label={t('planning.msel.editExpected', { number: event.number })}
          display={<span className={classes.clamp}>{event.expectedAction ?? '—'}</span>}
          onSave={(value) => {
            on.update(event, { expectedAction: value.trim() || null });
            return null;
          }}
        />
        {event.criticalTaskIds.length > 0 && (
          <ul
            className={classes.taskLinks}
            aria-label={t('planning.msel.linkedTasks', { number: event.number })}
          >
            {event.criticalTaskIds.map((id) => {
              const task = props.tasks.get(id);
              return (
                <li key={id}>
                  {task
                    ? t('planning.msel.taskLink', { code: task.code, text: task.text })
                    : t('planning.msel.taskGone')}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <div role="cell">
        <ApprovalCell event={event} />
        <RowActions
          event={event}
          canPlan={canPlan}
          canApprove={props.canApprove}
          isMine={props.isMine}
          onSubmit={() => on.submit(event)}
          onApprove={() => on.approve(event)}
          onEdit={() => on.edit(event)}
        />
      </div>
    </div>
  );
});
