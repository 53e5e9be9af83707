import { useTranslation } from 'react-i18next';
import type { MselEvent } from '../../../api/planningTypes';
import { EditableText } from './EditableText';
import classes from './MselGrid.module.css';
import { readTime } from './readTime';

interface Props {
  event: MselEvent;
  startex: string;
  zone: string;
  editable: boolean;
  onSave: (offsetMinutes: number) => void;
}

/** Both times, always: the offset planners reason in and the wall clock players will live. */
export function TimeCell({ event, startex, zone, editable, onSave }: Props) {
  const { t } = useTranslation();
  return (
    <EditableText
      editable={editable}
      initial={event.offset}
      label={t('planning.msel.editTime', { number: event.number })}
      display={
        <span className={classes.time}>
          <strong>{event.offset}</strong>
          <br />
          <span className={classes.small}>{event.scheduledLocal}</span>
        </span>
      }
      onSave={(value) => {
        const minutes = readTime(value, startex, zone);
        if (minutes === null) return t('planning.msel.badTime');
        onSave(minutes);
        return null;
      }}
    />
  );
}
