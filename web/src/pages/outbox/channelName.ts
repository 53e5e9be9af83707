import type { TFunction } from 'i18next';

/** A channel in the reader's words; a channel this console does not know keeps its own name. */
export const channelName = (t: TFunction, name: string): string =>
  t(`outbox.channels.${name}`, { defaultValue: name });

/** How to set a channel up, for the one named or in general. */
export const setUpHelp = (t: TFunction, name: string): string =>
  t(`outbox.notConfiguredHelp.${name}`, { defaultValue: t('outbox.notConfiguredHelp.other') });
