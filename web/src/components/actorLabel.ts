import type { TFunction } from 'i18next';

// The two names the server records for work no person did by hand (SYSTEM_ACTOR and the demo load's
// actors, src/services/demo/actors.ts); they are kept in the chained log as written, so worded here.
const DEMO_AS = /^demo data \(as (.+)\)$/;

/** Who did it, in the reader's language when it was the system or the demo load. */
export function actorLabel(t: TFunction, name: string | null): string {
  if (name === null || name === 'system') return t('audit.system');
  const demo = DEMO_AS.exec(name);
  return demo ? t('audit.demoAs', { username: demo[1] }) : name;
}

/** What an entry is about, by its kind; a kind this console has no word for yet shows as recorded. */
export function subjectLabel(t: TFunction, type: string): string {
  return t(`audit.subjects.${type}`, { defaultValue: type });
}
