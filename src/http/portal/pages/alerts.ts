import type { PortalLang } from '../i18n.js';

/**
 * A live public alert as the home page shows it: a real warning, never a drill notice. Dabyl's own
 * come first; other authorities' (read from their CAP feeds) carry their sender.
 */
export interface LiveAlert {
  id: string;
  /** Per language; a language the alert was not written in is absent. */
  headline: Partial<Record<PortalLang, string>>;
  instruction: Partial<Record<PortalLang, string>>;
  sentAt: string;
  /** When it stops being in force; the page is rendered again then. */
  expiresAt: string | null;
  url: string | null;
  /** Null for Dabyl's own; the issuing authority for an alert read from another's feed. */
  sender: string | null;
  /** Whether every signature on another authority's alert held and was trusted. */
  verified: boolean;
}
