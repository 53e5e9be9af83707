import { Button, Stack } from '@mantine/core';
import { useState, type ReactNode } from 'react';

/**
 * A small "show / hide" button that opens its content beneath it. The content is rendered only while
 * open, so a closed disclosure costs no request and no live subscription.
 */
export function Disclosure({
  showLabel,
  hideLabel,
  children,
}: {
  showLabel: string;
  hideLabel: string;
  children: () => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Stack gap={4}>
      <Button
        size="compact-xs"
        variant="subtle"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        w="fit-content"
      >
        {open ? hideLabel : showLabel}
      </Button>
      {open && children()}
    </Stack>
  );
}
