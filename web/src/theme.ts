import { Badge, Modal, createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';
import badgeClasses from './components/Badge.module.css';

/** A sober navy: dark enough at the shades used for text and buttons to pass WCAG AA on white. */
const dabyl: MantineColorsTuple = [
  '#eef3f9',
  '#dbe4ef',
  '#b4c6dc',
  '#8aa6c8',
  '#678bb7',
  '#517aad',
  '#4571a9',
  '#365f94',
  '#2c5485',
  '#1b2a41',
];

export const theme = createTheme({
  primaryColor: 'dabyl',
  primaryShade: 8,
  colors: { dabyl },
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif',
  headings: { fontWeight: '700' },
  components: {
    Badge: Badge.extend({ classNames: badgeClasses }),
    Modal: Modal.extend({ styles: { title: { fontWeight: 700 } } }),
    Table: {
      defaultProps: { captionSide: 'top' },
      styles: { caption: { textAlign: 'left', marginBottom: 4 } },
    },
  },
});

/**
 * Mantine's default "dimmed" grey and its error red (a field the server refused, in red, under it)
 * fall below 4.5:1 on white; tables of operational data are read under pressure, so secondary text
 * and refusals stay dark enough to read.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {
    '--dabyl-header-bg': dabyl[9],
    '--dabyl-accent': '#f2b134',
  },
  light: { '--mantine-color-dimmed': t.colors.gray[7], '--mantine-color-error': STATUS.danger },
  dark: {},
});

/** Status colours for text and badges; each stays above 4.5:1 against white either way round. */
export const STATUS = {
  ok: '#1e6b33',
  warning: '#8a4b00',
  danger: '#a61e1e',
  neutral: '#495057',
} as const;
