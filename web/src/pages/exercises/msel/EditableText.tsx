import { TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import classes from './MselGrid.module.css';

interface Props {
  /** What the cell shows when not being edited. */
  display: ReactNode;
  /** The text the editor starts with. */
  initial: string;
  /** Names the cell for screen readers: "Edit title of inject 12". */
  label: string;
  editable: boolean;
  /** Returns an error sentence to keep the editor open, or null when the value was accepted. */
  onSave: (value: string) => string | null;
}

/**
 * A grid cell edited in place: a button while reading (Enter or a click opens it), an input while
 * editing; Enter or leaving the field saves, Escape gives up.
 */
export function EditableText({ display, initial, label, editable, onSave }: Props) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  if (!editable) return <>{display}</>;
  if (!editing) {
    return (
      <button
        type="button"
        className={classes.cellButton}
        onClick={() => {
          setValue(initial);
          setError(null);
          setEditing(true);
        }}
      >
        {/* A hidden prefix, not an aria-label, so the name still contains the text one sees. */}
        <span className={classes.hidden}>{`${label}: `}</span>
        {display}
      </button>
    );
  }

  const save = () => {
    if (value === initial) return setEditing(false);
    const problem = onSave(value);
    setError(problem);
    if (!problem) setEditing(false);
  };

  return (
    <TextInput
      size="xs"
      autoFocus
      aria-label={label}
      value={value}
      error={error}
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          save();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          setEditing(false);
        }
      }}
    />
  );
}
