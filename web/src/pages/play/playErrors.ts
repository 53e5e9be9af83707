import type { TFunction } from 'i18next';

/** The player view's refusals in the reader's language. */
export const playErrors = (t: TFunction): Record<string, string> => ({
  not_a_player: t('play.errors.notAPlayer'),
  no_play: t('play.errors.noPlay'),
  photo_too_large: t('play.errors.photoTooLarge'),
  photo_type: t('play.errors.photoType'),
  decision_taken: t('branching.errors.decisionTaken'),
  clock_ended: t('branching.errors.ended'),
});
