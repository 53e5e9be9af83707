import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './TableScroll.module.css';

/**
 * Wide tables scroll sideways on narrow screens; the scrolling box takes focus and carries a name
 * so keyboard users can scroll it too and screen readers announce what it holds.
 */
export function TableScroll({
  label,
  minWidth,
  children,
}: {
  label: string;
  minWidth: number;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer
      type="native"
      minWidth={minWidth}
      tabIndex={0}
      role="region"
      aria-label={label}
      className={classes.region}
    >
      {children}
    </Table.ScrollContainer>
  );
}
