/**
 * The basemap's names in Kazakh and Russian. Countries take theirs from `i18n-iso-countries`, keyed by
 * the ISO 3166 numeric code Natural Earth gives each country. The packaged GeoNames extract has Latin
 * names only; Kazakhstan's cities of republican significance and regional centres, and the towns
 * around the seed's exercises, are named here in both languages. Other places keep GeoNames'
 * spelling: a proper name a reader can still find, rather than a guessed transliteration.
 */
import { createRequire } from 'node:module';

export type MapLang = 'kk' | 'ru';
export const MAP_LANGS: readonly MapLang[] = ['kk', 'ru'];

/** GeoNames' spelling → [Kazakh, Russian]. */
const KZ_PLACES: Readonly<Record<string, readonly [string, string]>> = {
  Astana: ['Астана', 'Астана'],
  Almaty: ['Алматы', 'Алматы'],
  Shymkent: ['Шымкент', 'Шымкент'],
  Karagandy: ['Қарағанды', 'Караганда'],
  Aktobe: ['Ақтөбе', 'Актобе'],
  Taraz: ['Тараз', 'Тараз'],
  Pavlodar: ['Павлодар', 'Павлодар'],
  'Ust-Kamenogorsk': ['Өскемен', 'Усть-Каменогорск'],
  Semey: ['Семей', 'Семей'],
  Atyrau: ['Атырау', 'Атырау'],
  Kostanay: ['Қостанай', 'Костанай'],
  Kyzylorda: ['Қызылорда', 'Кызылорда'],
  Oral: ['Орал', 'Уральск'],
  Petropavl: ['Петропавл', 'Петропавловск'],
  Aktau: ['Ақтау', 'Актау'],
  Temirtau: ['Теміртау', 'Темиртау'],
  Turkistan: ['Түркістан', 'Туркестан'],
  Kokshetau: ['Көкшетау', 'Кокшетау'],
  Taldykorgan: ['Талдықорған', 'Талдыкорган'],
  Ekibastuz: ['Екібастұз', 'Экибастуз'],
  Baikonur: ['Байқоңыр', 'Байконур'],
  Rudnyy: ['Рудный', 'Рудный'],
  Zhanaozen: ['Жаңаөзен', 'Жанаозен'],
  Konayev: ['Қонаев', 'Конаев'],
  Saran: ['Саран', 'Сарань'],
  Shakhtinsk: ['Шахтинск', 'Шахтинск'],
  Abay: ['Абай', 'Абай'],
  Aktas: ['Ақтас', 'Актас'],
  Shakhan: ['Шахан', 'Шахан'],
  Novodolinskiy: ['Новодолинский', 'Новодолинский'],
  Dolinka: ['Долинка', 'Долинка'],
  Osakarovka: ['Осакаровка', 'Осакаровка'],
  Balqash: ['Балқаш', 'Балхаш'],
  Zhezqazghan: ['Жезқазған', 'Жезказган'],
  Satpayev: ['Сәтбаев', 'Сатпаев'],
  Ridder: ['Риддер', 'Риддер'],
  Stepnogorsk: ['Степногор', 'Степногорск'],
  Talghar: ['Талғар', 'Талгар'],
  Esik: ['Есік', 'Есик'],
  Kentau: ['Кентау', 'Кентау'],
  Arys: ['Арыс', 'Арыс'],
  Aral: ['Арал', 'Аральск'],
  Zharkent: ['Жаркент', 'Жаркент'],
  Ayagoz: ['Аягөз', 'Аягоз'],
  Lisakovsk: ['Лисаков', 'Лисаковск'],
  Arkalyk: ['Арқалық', 'Аркалык'],
  Shchuchinsk: ['Щучинск', 'Щучинск'],
  Atbasar: ['Атбасар', 'Атбасар'],
  Qarqaraly: ['Қарқаралы', 'Каркаралинск'],
  Priozersk: ['Приозер', 'Приозерск'],
  Kurchatov: ['Курчатов', 'Курчатов'],
};

/** A place's name in `lang`, where one is known. */
export function placeName(name: string, country: string, lang: MapLang): string | undefined {
  if (country !== 'KZ') return undefined;
  const known = KZ_PLACES[name];
  return known && known[lang === 'kk' ? 0 : 1];
}

type CountryNames = Record<string, string | string[]>;

/** Where the list's name is a full formal one, the name a map of that language prints. */
const SHORT: Readonly<Record<MapLang, Readonly<Record<string, string>>>> = {
  kk: { US: 'АҚШ' },
  ru: { CN: 'Китай', KP: 'КНДР' },
};

const require = createRequire(import.meta.url);
let countries: { byNumeric: Map<string, string>; names: Record<MapLang, CountryNames> } | undefined;

function countryTables() {
  if (!countries) {
    // [alpha-2, alpha-3, numeric, ISO 3166-2] per country.
    const codes = require('i18n-iso-countries/codes.json') as [string, string, string, string][];
    const lang = (l: MapLang) =>
      (require(`i18n-iso-countries/langs/${l}.json`) as { countries: CountryNames }).countries;
    countries = {
      byNumeric: new Map(codes.map(([alpha2, , numeric]) => [numeric, alpha2])),
      names: { kk: lang('kk'), ru: lang('ru') },
    };
  }
  return countries;
}

/** A country's name in `lang` from its ISO 3166 numeric code (Natural Earth's feature id), where known. */
export function countryName(numeric: string | number | undefined, lang: MapLang): string | undefined {
  if (numeric === undefined) return undefined;
  const { byNumeric, names } = countryTables();
  const alpha2 = byNumeric.get(String(numeric).padStart(3, '0'));
  if (!alpha2) return undefined;
  const name = SHORT[lang][alpha2] ?? names[lang][alpha2];
  // Some have several names (Российская Федерация, Россия): a map prints the shortest.
  return Array.isArray(name) ? [...name].sort((a, b) => a.length - b.length)[0] : name;
}
