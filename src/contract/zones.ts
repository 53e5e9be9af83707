/**
 * Kazakhstan's time zones by the city that names them, in each language. Every one of them is
 * "Kazakhstan time" in a browser's own data (one offset since 2024), so the city is what tells them
 * apart, and it reads as a place rather than as an IANA code on a Kazakh or Russian page.
 */
export const HOME_ZONES: Readonly<Record<string, Readonly<Record<'kk' | 'ru' | 'en', string>>>> = {
  'Asia/Almaty': { kk: 'Алматы', ru: 'Алматы', en: 'Almaty' },
  'Asia/Qostanay': { kk: 'Қостанай', ru: 'Костанай', en: 'Kostanay' },
  'Asia/Aqtobe': { kk: 'Ақтөбе', ru: 'Актобе', en: 'Aktobe' },
  'Asia/Aqtau': { kk: 'Ақтау', ru: 'Актау', en: 'Aktau' },
  'Asia/Atyrau': { kk: 'Атырау', ru: 'Атырау', en: 'Atyrau' },
  'Asia/Oral': { kk: 'Орал', ru: 'Уральск', en: 'Oral' },
  'Asia/Qyzylorda': { kk: 'Қызылорда', ru: 'Кызылорда', en: 'Kyzylorda' },
};
