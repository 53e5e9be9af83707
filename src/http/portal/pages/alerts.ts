import type { PortalLang } from '../i18n.js';

/**
 * A live public alert as the home page shows it: a real warning, never a drill notice. The alert
 * system that issues them comes later; until it does, there are none.
 */
export interface LiveAlert {
  id: string;
  /** Per language; a language the alert was not written in is absent. */
  headline: Partial<Record<PortalLang, string>>;
  instruction: Partial<Record<PortalLang, string>>;
  sentAt: string;
  url: string | null;
}

/** The alerts in force now. None until the alert system is built; the banner is ready for them. */
export function liveAlerts(): LiveAlert[] {
  return [];
}
