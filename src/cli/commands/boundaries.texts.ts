import type { MessageLang } from '../../core/messages/messages.js';

/** What `dabyl boundaries import|list` says to a person, in each language. */
export interface BoundariesWords {
  boundaries: string;
  import: string;
  file: string;
  set: string;
  approximate: string;
  list: string;
  json: string;
  notJson: (file: string, problem: string) => string;
  nothingImported: (file: string) => string;
  imported: (name: string, features: number, approximate: boolean, replaced: number) => string;
  yes: string;
  no: string;
  setColumns: Record<'name' | 'approximate' | 'features' | 'importedAt' | 'importedBy', string>;
  columns: Record<'set' | 'code' | 'level' | 'region' | 'name' | 'points', string>;
}

export const BOUNDARIES_WORDS: Readonly<Record<MessageLang, BoundariesWords>> = {
  en: {
    boundaries: 'boundary sets (regions, districts, cities) imported from GeoJSON for alert areas',
    import: 'import a boundary set, replacing the set of that name whole; a wrong file changes nothing',
    file: 'a GeoJSON FeatureCollection of Polygons/MultiPolygons with properties code, level, region, name:kk, name:ru, name:en',
    set: 'the set: lowercase letters, digits and dashes',
    approximate: 'the outlines are rough, and are shown as approximate',
    list: 'list the boundary sets and their boundaries',
    json: 'as JSON',
    notJson: (file, problem) => `${file}: not JSON (${problem})`,
    nothingImported: (file) => `${file}: nothing imported`,
    imported: (name, features, approximate, replaced) =>
      `${name}: ${features} boundaries imported${approximate ? ' (approximate)' : ''}` +
      (replaced ? `, replacing ${replaced}` : ''),
    yes: 'yes',
    no: 'no',
    setColumns: {
      name: 'name',
      approximate: 'approximate',
      features: 'features',
      importedAt: 'importedAt',
      importedBy: 'importedBy',
    },
    columns: { set: 'set', code: 'code', level: 'level', region: 'region', name: 'name', points: 'points' },
  },
  kk: {
    boundaries:
      'дабыл аймақтары үшін GeoJSON-нан импортталған шекаралар жинақтары (облыстар, аудандар, қалалар)',
    import:
      'шекаралар жинағын импорттау, осы аттас жинақты толығымен ауыстырады; қате файл ештеңені өзгертпейді',
    file: '`code`, `level`, `region`, `name:kk`, `name:ru`, `name:en` қасиеттері бар көпбұрыштардың GeoJSON FeatureCollection жинағы',
    set: 'жинақ: кіші әріптер, цифрлар және сызықшалар',
    approximate: 'шекаралар дөрекі сызылған және шамамен алынған деп көрсетіледі',
    list: 'шекаралар жинақтары мен олардың шекараларының тізімі',
    json: 'JSON түрінде',
    notJson: (file, problem) => `${file}: JSON емес (${problem})`,
    nothingImported: (file) => `${file}: ештеңе импортталмады`,
    imported: (name, features, approximate, replaced) =>
      `${name}: ${features} шекара импортталды${approximate ? ' (шамамен алынған)' : ''}` +
      (replaced ? `, ${replaced} шекараның орнына` : ''),
    yes: 'иә',
    no: 'жоқ',
    setColumns: {
      name: 'Атауы',
      approximate: 'Шамамен алынған',
      features: 'Шекаралар',
      importedAt: 'Импортталған уақыты',
      importedBy: 'Кім импорттады',
    },
    columns: {
      set: 'Жинақ',
      code: 'Коды',
      level: 'Деңгейі',
      region: 'Облыс',
      name: 'Атауы',
      points: 'Нүктелер',
    },
  },
  ru: {
    boundaries: 'наборы границ (области, районы, города), импортированные из GeoJSON для зон оповещения',
    import:
      'импортировать набор границ, целиком заменив набор с тем же именем; неверный файл ничего не меняет',
    file: 'GeoJSON FeatureCollection из многоугольников со свойствами `code`, `level`, `region`, `name:kk`, `name:ru`, `name:en`',
    set: 'набор: строчные буквы, цифры и дефисы',
    approximate: 'контуры грубые и показываются как приблизительные',
    list: 'список наборов границ и их границ',
    json: 'в виде JSON',
    notJson: (file, problem) => `${file}: не JSON (${problem})`,
    nothingImported: (file) => `${file}: ничего не импортировано`,
    imported: (name, features, approximate, replaced) =>
      `${name}: импортировано границ — ${features}${approximate ? ' (приблизительные)' : ''}` +
      (replaced ? `, вместо прежних (${replaced})` : ''),
    yes: 'да',
    no: 'нет',
    setColumns: {
      name: 'Имя',
      approximate: 'Приблизительный',
      features: 'Границ',
      importedAt: 'Импортирован',
      importedBy: 'Кем',
    },
    columns: {
      set: 'Набор',
      code: 'Код',
      level: 'Уровень',
      region: 'Область',
      name: 'Название',
      points: 'Точек',
    },
  },
};
