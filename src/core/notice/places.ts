import type { NoticeLanguage } from './notice.js';

/**
 * The places a resident can pick by name: Kazakhstan's cities and the districts of Astana and
 * Almaty. Each is a circle (centre and radius) because that is what a subscription place is; the
 * radius covers the built-up area, not the administrative boundary. Centres are the city centres
 * (district centres are approximate, to a few hundred metres).
 */
export interface NamedPlace {
  /** Stable id used in forms and stored labels: `astana`, `astana-yesil`. */
  id: string;
  kind: 'city' | 'district';
  /** For a district, the city it belongs to. */
  city: string | null;
  names: Record<NoticeLanguage, string>;
  lon: number;
  lat: number;
  radiusM: number;
}

const city = (
  id: string,
  kk: string,
  ru: string,
  en: string,
  lat: number,
  lon: number,
  radiusKm: number,
): NamedPlace => ({
  id,
  kind: 'city',
  city: null,
  names: { kk, ru, en },
  lon,
  lat,
  radiusM: radiusKm * 1000,
});

const district =
  (cityId: string) =>
  (
    id: string,
    kk: string,
    ru: string,
    en: string,
    lat: number,
    lon: number,
    radiusKm: number,
  ): NamedPlace => ({
    id: `${cityId}-${id}`,
    kind: 'district',
    city: cityId,
    names: { kk, ru, en },
    lon,
    lat,
    radiusM: radiusKm * 1000,
  });

const astana = district('astana');
const almaty = district('almaty');

export const PLACES: readonly NamedPlace[] = [
  city('astana', 'Астана', 'Астана', 'Astana', 51.1694, 71.4491, 20),
  city('almaty', 'Алматы', 'Алматы', 'Almaty', 43.2389, 76.8897, 20),
  city('shymkent', 'Шымкент', 'Шымкент', 'Shymkent', 42.3417, 69.5901, 15),
  city('karaganda', 'Қарағанды', 'Караганда', 'Karaganda', 49.8047, 73.1094, 15),
  city('pavlodar', 'Павлодар', 'Павлодар', 'Pavlodar', 52.2873, 76.9674, 12),
  city('baikonur', 'Байқоңыр', 'Байконур', 'Baikonur', 45.6167, 63.3167, 8),
  city('kokshetau', 'Көкшетау', 'Кокшетау', 'Kokshetau', 53.2833, 69.3833, 10),
  city('aktobe', 'Ақтөбе', 'Актобе', 'Aktobe', 50.2839, 57.167, 15),
  city('atyrau', 'Атырау', 'Атырау', 'Atyrau', 47.1167, 51.8833, 12),
  city('oral', 'Орал', 'Уральск', 'Oral', 51.2333, 51.3667, 12),
  city('kostanay', 'Қостанай', 'Костанай', 'Kostanay', 53.2144, 63.6246, 10),
  city('semey', 'Семей', 'Семей', 'Semey', 50.4111, 80.2275, 12),
  city('oskemen', 'Өскемен', 'Усть-Каменогорск', 'Oskemen', 49.9483, 82.6275, 12),
  city('taraz', 'Тараз', 'Тараз', 'Taraz', 42.9, 71.3667, 10),
  city('turkistan', 'Түркістан', 'Туркестан', 'Turkistan', 43.2973, 68.2517, 8),
  city('kyzylorda', 'Қызылорда', 'Кызылорда', 'Kyzylorda', 44.8528, 65.5092, 10),
  city('aktau', 'Ақтау', 'Актау', 'Aktau', 43.65, 51.15, 10),
  city('petropavl', 'Петропавл', 'Петропавловск', 'Petropavl', 54.8667, 69.15, 10),
  city('taldykorgan', 'Талдықорған', 'Талдыкорган', 'Taldykorgan', 45.0156, 78.3739, 8),
  city('zhezkazgan', 'Жезқазған', 'Жезказган', 'Zhezkazgan', 47.7833, 67.7, 8),
  astana('almaty', 'Алматы ауданы', 'район Алматы', 'Almaty district', 51.148, 71.505, 5),
  astana('baikonur', 'Байқоңыр ауданы', 'район Байконур', 'Baikonur district', 51.19, 71.47, 5),
  astana('yesil', 'Есіл ауданы', 'район Есиль', 'Yesil district', 51.125, 71.43, 5),
  astana('saryarka', 'Сарыарқа ауданы', 'район Сарыарка', 'Saryarka district', 51.18, 71.4, 5),
  astana('nura', 'Нұра ауданы', 'район Нура', 'Nura district', 51.07, 71.4, 6),
  almaty('alatau', 'Алатау ауданы', 'Алатауский район', 'Alatau district', 43.27, 76.8, 5),
  almaty('almaly', 'Алмалы ауданы', 'Алмалинский район', 'Almaly district', 43.255, 76.925, 3),
  almaty('auezov', 'Әуезов ауданы', 'Ауэзовский район', 'Auezov district', 43.225, 76.85, 4),
  almaty('bostandyk', 'Бостандық ауданы', 'Бостандыкский район', 'Bostandyk district', 43.215, 76.91, 5),
  almaty('zhetysu', 'Жетісу ауданы', 'Жетысуский район', 'Zhetysu district', 43.29, 76.94, 4),
  almaty('medeu', 'Медеу ауданы', 'Медеуский район', 'Medeu district', 43.235, 76.98, 5),
  almaty('nauryzbay', 'Наурызбай ауданы', 'Наурызбайский район', 'Nauryzbay district', 43.2, 76.77, 5),
  almaty('turksib', 'Түрксіб ауданы', 'Турксибский район', 'Turksib district', 43.34, 76.97, 5),
];

const BY_ID = new Map(PLACES.map((p) => [p.id, p]));

export const findPlace = (id: string): NamedPlace | undefined => BY_ID.get(id);

/**
 * The widest circle a subscription may draw. A larger one would reach most of a province (or, at a
 * few hundred kilometres, most of the country) and turn every notice into mail for everyone.
 */
export const MAX_PLACE_RADIUS_M = 50_000;
export const MIN_PLACE_RADIUS_M = 100;

/** What is wrong with a place a resident drew, naming the field; null when it is fine. */
export function checkPlaceCircle(
  lon: number,
  lat: number,
  radiusM: number,
): { field: 'lon' | 'lat' | 'radiusM'; problem: string } | null {
  if (!Number.isFinite(lat) || Math.abs(lat) > 90)
    return { field: 'lat', problem: `latitude ${lat} is not between -90 and 90` };
  if (!Number.isFinite(lon) || Math.abs(lon) > 180)
    return { field: 'lon', problem: `longitude ${lon} is not between -180 and 180` };
  if (!Number.isFinite(radiusM) || radiusM <= 0)
    return { field: 'radiusM', problem: `radius ${radiusM} m must be more than 0` };
  if (radiusM < MIN_PLACE_RADIUS_M)
    return {
      field: 'radiusM',
      problem: `radius ${radiusM} m is less than the smallest, ${MIN_PLACE_RADIUS_M} m`,
    };
  if (radiusM > MAX_PLACE_RADIUS_M)
    return {
      field: 'radiusM',
      problem: `radius ${Math.round(radiusM / 1000)} km covers far more than a city (the largest is ${MAX_PLACE_RADIUS_M / 1000} km); pick a city or a smaller circle`,
    };
  return null;
}
