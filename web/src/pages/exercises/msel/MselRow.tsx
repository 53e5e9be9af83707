import { NativeSelect, Text } from '@mantine/core';
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
import { TimeCell } from './TimeCell';

export interface RowCallbacks {
  update: (event: MselEvent, patch: Partial<MselEventInput>) => void;
  submit: (event: MselEvent) => void;
  approve: (event: MselEvent) => void;
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
  measureRef: Ref<HTMLDivElement>;
  findings: MselFinding[];
  teams: { id: string; name: string }[];
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
        <Text fw={700} size="sm">
          {event.number}
        </Text>
        <Text size="xs">{t(`planning.eventKinds.${event.kind}`)}</Text>
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
          <NativeSelect
            size="xs"
            aria-label={t('planning.msel.editMethod', { number: event.number })}
            value={event.method}
            data={DELIVERY_METHODS.map((m) => ({ value: m, label: t(`planning.methods.${m}`) }))}
            onChange={(e) => on.update(event, { method: e.currentTarget.value as DeliveryMethod })}
          />
        ) : (
          <Text size="sm">{t(`planning.methods.${event.method}`)}</Text>
        )}
        {canPlan ? (
          <NativeSelect
            size="xs"
            mt={4}
            aria-label={t('planning.msel.editTeam', { number: event.number })}
            value={event.toTeamIds[0] ?? ''}
            data={[
              { value: '', label: event.toText ?? t('planning.msel.noTeam') },
              ...teams.map((x) => ({ value: x.id, label: x.name })),
            ]}
            onChange={(e) =>
              on.update(event, { toTeamIds: e.currentTarget.value ? [e.currentTarget.value] : [] })
            }
          />
        ) : (
          <Text size="sm">{to.join(', ')}</Text>
        )}
      </div>
      <div role="cell">
        <EditableText
          editable={canPlan}
          initial={event.title}
          label={t('planning.msel.editTitle', { number: event.number })}
          display={<Text size="sm">{event.title}</Text>}
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
          display={<Text size="sm">{event.expectedAction ?? '—'}</Text>}
          onSave={(value) => {
            on.update(event, { expectedAction: value.trim() || null });
            return null;
          }}
        />
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
        />
      </div>
    </div>
  );
});
