/**
 * Kazakhstan's first-level divisions with their ISO 3166-2:KZ codes: 17 regions (oblystar) and the 3
 * cities of republican significance. The numeric codes replaced the three-letter ones in the 2022–2023
 * ISO updates that also added Abai, Jetisu and Ulytau; the old codes are kept to point senders to the new.
 */

/** One division: its code and its names in Kazakh, Russian and English. */
export interface KzRegion {
  code: string;
  kind: 'region' | 'city';
  kk: string;
  ru: string;
  en: string;
}

/** All 20 first-level divisions. */
export const KZ_REGIONS: readonly KzRegion[] = [
  { code: 'KZ-71', kind: 'city', kk: 'Астана', ru: 'Астана', en: 'Astana' },
  { code: 'KZ-75', kind: 'city', kk: 'Алматы', ru: 'Алматы', en: 'Almaty' },
  { code: 'KZ-79', kind: 'city', kk: 'Шымкент', ru: 'Шымкент', en: 'Shymkent' },
  { code: 'KZ-10', kind: 'region', kk: 'Абай облысы', ru: 'Абайская область', en: 'Abai Region' },
  { code: 'KZ-11', kind: 'region', kk: 'Ақмола облысы', ru: 'Акмолинская область', en: 'Akmola Region' },
  { code: 'KZ-15', kind: 'region', kk: 'Ақтөбе облысы', ru: 'Актюбинская область', en: 'Aktobe Region' },
  { code: 'KZ-19', kind: 'region', kk: 'Алматы облысы', ru: 'Алматинская область', en: 'Almaty Region' },
  { code: 'KZ-23', kind: 'region', kk: 'Атырау облысы', ru: 'Атырауская область', en: 'Atyrau Region' },
  {
    code: 'KZ-27',
    kind: 'region',
    kk: 'Батыс Қазақстан облысы',
    ru: 'Западно-Казахстанская область',
    en: 'West Kazakhstan Region',
  },
  { code: 'KZ-31', kind: 'region', kk: 'Жамбыл облысы', ru: 'Жамбылская область', en: 'Jambyl Region' },
  { code: 'KZ-33', kind: 'region', kk: 'Жетісу облысы', ru: 'Область Жетісу', en: 'Jetisu Region' },
  {
    code: 'KZ-35',
    kind: 'region',
    kk: 'Қарағанды облысы',
    ru: 'Карагандинская область',
    en: 'Karaganda Region',
  },
  { code: 'KZ-39', kind: 'region', kk: 'Қостанай облысы', ru: 'Костанайская область', en: 'Kostanay Region' },
  {
    code: 'KZ-43',
    kind: 'region',
    kk: 'Қызылорда облысы',
    ru: 'Кызылординская область',
    en: 'Kyzylorda Region',
  },
  {
    code: 'KZ-47',
    kind: 'region',
    kk: 'Маңғыстау облысы',
    ru: 'Мангистауская область',
    en: 'Mangystau Region',
  },
  { code: 'KZ-55', kind: 'region', kk: 'Павлодар облысы', ru: 'Павлодарская область', en: 'Pavlodar Region' },
  {
    code: 'KZ-59',
    kind: 'region',
    kk: 'Солтүстік Қазақстан облысы',
    ru: 'Северо-Казахстанская область',
    en: 'North Kazakhstan Region',
  },
  {
    code: 'KZ-61',
    kind: 'region',
    kk: 'Түркістан облысы',
    ru: 'Туркестанская область',
    en: 'Turkistan Region',
  },
  { code: 'KZ-62', kind: 'region', kk: 'Ұлытау облысы', ru: 'Область Улытау', en: 'Ulytau Region' },
  {
    code: 'KZ-63',
    kind: 'region',
    kk: 'Шығыс Қазақстан облысы',
    ru: 'Восточно-Казахстанская область',
    en: 'East Kazakhstan Region',
  },
];

/** Withdrawn three-letter codes and the numeric code that replaced each. */
export const KZ_LEGACY_CODES: Readonly<Record<string, string>> = {
  'KZ-AST': 'KZ-71',
  'KZ-ALA': 'KZ-75',
  'KZ-SHY': 'KZ-79',
  'KZ-AKM': 'KZ-11',
  'KZ-AKT': 'KZ-15',
  'KZ-ALM': 'KZ-19',
  'KZ-ATY': 'KZ-23',
  'KZ-ZAP': 'KZ-27',
  'KZ-ZHA': 'KZ-31',
  'KZ-KAR': 'KZ-35',
  'KZ-KUS': 'KZ-39',
  'KZ-KZY': 'KZ-43',
  'KZ-MAN': 'KZ-47',
  'KZ-PAV': 'KZ-55',
  'KZ-SEV': 'KZ-59',
  'KZ-YUZ': 'KZ-61',
  'KZ-VOS': 'KZ-63',
};

const BY_CODE = new Map(KZ_REGIONS.map((r) => [r.code, r]));

/** The division with ISO 3166-2 code `code`, if it is a current one. */
export const kzRegion = (code: string): KzRegion | undefined => BY_CODE.get(code);
