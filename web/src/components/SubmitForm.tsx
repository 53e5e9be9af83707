import { Button, Fieldset, Group, List, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { ProblemAlert } from './ProblemAlert';

interface Props {
  legend: string;
  submitLabel: string;
  /** Runs once the browser's own checks of the fields have passed. */
  onSubmit: () => void | Promise<void>;
  /** What the submit sends: its button spins while it is under way, and its refusal is shown. */
  mutation: { isPending: boolean; error: unknown };
  disabled?: boolean;
  /** The fields and the submit on one line, the refusal under them, for a short form. */
  inline?: boolean;
  /** What the form itself found wrong before sending anything (a file it could not read). */
  localProblem?: string | null;
  refusedTitle?: string;
  /**
   * The name of a list of every field the server found wrong, shown when it found more than one:
   * for a form whose one submit carries much (a whole file), where the first problem is not enough.
   */
  everyProblemLabel?: string;
  /** What the last submit did, under the refusal. */
  result?: ReactNode;
  children: ReactNode;
}

/**
 * A console form that sends what it holds to the server in one submit: its legend, its fields,
 * the submit with its pending state, and the server's refusal naming the field at fault.
 */
export function SubmitForm({
  legend,
  submitLabel,
  onSubmit,
  mutation,
  disabled,
  inline = false,
  localProblem,
  refusedTitle,
  everyProblemLabel,
  result,
  children,
}: Props) {
  const submit = (
    <Button type="submit" loading={mutation.isPending} disabled={disabled}>
      {submitLabel}
    </Button>
  );
  const problems =
    everyProblemLabel && mutation.error instanceof ApiError ? (mutation.error.errors ?? []) : [];
  const outcome = (
    <>
      {localProblem && (
        <Text c="red.9" role="alert">
          {localProblem}
        </Text>
      )}
      <ProblemAlert error={mutation.error} title={refusedTitle} />
      {problems.length > 1 && (
        <List size="sm" aria-label={everyProblemLabel}>
          {problems.map((p, i) => (
            <List.Item key={i}>
              {p.field}: {p.problem}
            </List.Item>
          ))}
        </List>
      )}
      {result}
    </>
  );
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <Fieldset legend={legend} maw={900}>
        {inline ? (
          <>
            <Group align="flex-end" wrap="wrap">
              {children}
              {submit}
            </Group>
            {outcome}
          </>
        ) : (
          <Stack gap="xs">
            {children}
            <Group>{submit}</Group>
            {outcome}
          </Stack>
        )}
      </Fieldset>
    </form>
  );
}
