import { HOME_ZONES as HOME } from '../../../src/contract/zones';
import { intlLocale } from './dates';

const names = new Map<string, string>();

/** A zone of Kazakhstan's, named by its city. */
export const isHomeZone = (zone: string): boolean => zone in HOME;

/**
 * A time zone as a reader of `lng` names it ("Алматы", "Мәскеу стандартты уақыты"), never its IANA
 * code on a Kazakh or Russian screen unless the browser has no name for it in that language.
 */
export function zoneName(zone: string, lng: string): string {
  const prefix = lng.slice(0, 2);
  const lang = prefix === 'kk' || prefix === 'ru' ? prefix : 'en';
  const home = HOME[zone]?.[lang] ?? HOME[zone]?.en;
  if (home) return home;
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  const key = `${lang}|${zone}`;
  let name = names.get(key);
  if (name === undefined) {
    try {
      name =
        new Intl.DateTimeFormat(intlLocale(lang), { timeZone: zone, timeZoneName: 'long' })
          .formatToParts(new Date())
          .find((p) => p.type === 'timeZoneName')?.value ?? zone;
    } catch {
      name = zone;
    }
    // A browser without this language's zone names answers in English or "GMT+3": keep the code then.
    if (lang !== 'en' && /[A-Za-z]{3}/.test(name)) name = zone;
    names.set(key, name);
  }
  return name;
}
