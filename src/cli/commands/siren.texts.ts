import type { MessageLang } from '../../core/messages/messages.js';

const code = (values: readonly string[], or: string) => values.map((v) => `\`${v}\``).join(` ${or} `);

/** What `dabyl siren add|import|list|simulate` says to a person, in each language. */
export interface SirenWords {
  notANumber: (field: string, value: string) => string;
  notAFeatureCollection: (file: string) => string;
  /** Where a refusal of `siren add` points: the siren given on the command line. */
  theSiren: string;
  line: (n: number) => string;
  feature: (n: number) => string;
  notAPoint: (where: string) => string;
  badPurpose: (where: string, purposes: readonly string[]) => string;
  siren: string;
  add: string;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  lon: string;
  lat: string;
  prefix: string;
  purpose: (purposes: readonly string[]) => string;
  organisation: string;
  demo: string;
  key: string;
  import: string;
  file: string;
  demoMany: string;
  list: string;
  json: string;
  battery: (percent: number | null) => string;
  mains: string;
  onBattery: string;
  mainsUnknown: string;
  fault: (text: string) => string;
  noFault: string;
  simulate: string;
  url: string;
  simPrefix: string;
  simKey: string;
  silent: string;
  ackTwice: string;
  simBattery: string;
  simOnBattery: string;
  simFault: string;
}

export const SIREN_WORDS: Readonly<Record<MessageLang, SirenWords>> = {
  en: {
    notANumber: (field, value) => `${field}: "${value}" is not a number`,
    notAFeatureCollection: (file) => `${file}: not a GeoJSON FeatureCollection`,
    theSiren: 'siren',
    line: (n) => `line ${n}`,
    feature: (n) => `feature ${n}`,
    notAPoint: (where) => `${where}: a siren is a Point`,
    badPurpose: (where, purposes) => `${where}: purpose must be one of ${purposes.join(', ')}`,
    siren: 'the siren registry, and a siren-controller simulator',
    add: 'register a siren; prints its id and the command key its controller needs (shown once)',
    nameKk: 'its name in Kazakh',
    nameRu: 'its name in Russian',
    nameEn: 'its name in English',
    lon: 'longitude (WGS84)',
    lat: 'latitude (WGS84)',
    prefix: 'the MQTT topic prefix its controller listens under',
    purpose: (purposes) => purposes.join(' or '),
    organisation: 'the organisation that owns it',
    demo: 'mark it as demo data, not a real siren',
    key: 'key',
    import: "register the sirens of a GeoJSON (Points) or CSV file; prints each one's prefix and key",
    file: 'a .geojson/.json FeatureCollection, or a .csv with name_kk,name_ru,name_en,lon,lat,prefix,purpose',
    demoMany: 'mark them as demo data',
    list: 'list the registered sirens and what each last reported',
    json: 'as JSON',
    battery: (percent) => (percent === null ? 'battery ?' : `battery ${percent}%`),
    mains: 'mains',
    onBattery: 'on battery',
    mainsUnknown: 'mains ?',
    fault: (text) => `fault: ${text}`,
    noFault: 'no fault',
    simulate: 'run a siren controller that acknowledges commands and reports its state, until stopped',
    url: 'the broker, e.g. mqtt://127.0.0.1:1883',
    simPrefix: 'the topic prefix of the siren it plays',
    simKey: 'the command key `siren add` printed',
    silent: 'hear commands but never acknowledge them',
    ackTwice: 'acknowledge every command twice',
    simBattery: 'the battery charge it reports',
    simOnBattery: 'report mains power lost',
    simFault: 'report a fault',
  },
  kk: {
    notANumber: (field, value) => `${field}: «${value}» сан емес`,
    notAFeatureCollection: (file) => `${file}: GeoJSON FeatureCollection емес`,
    theSiren: 'сирена',
    line: (n) => `${n}-жол`,
    feature: (n) => `${n}-элемент`,
    notAPoint: (where) => `${where}: сирена нүкте (\`Point\`) болуы керек`,
    badPurpose: (where, purposes) => `${where}: кім естиді — ${purposes.join(', ')} мәндерінің бірі`,
    siren: 'сиреналар тізілімі және сирена басқару құрылғысының имитаторы',
    add: 'сиренаны тіркеу; оның идентификаторын және басқару құрылғысына керек пәрмен кілтін басып шығарады (бір рет)',
    nameKk: 'қазақша атауы',
    nameRu: 'орысша атауы',
    nameEn: 'ағылшынша атауы',
    lon: 'бойлық (WGS84)',
    lat: 'ендік (WGS84)',
    prefix: 'басқару құрылғысы тыңдайтын MQTT тақырыбының префиксі',
    purpose: (purposes) => `кім естиді: ${code(purposes, 'немесе')}`,
    organisation: 'сирена тиесілі ұйым',
    demo: 'нақты сирена емес, демо деректері деп белгілеу',
    key: 'кілт',
    import:
      'GeoJSON (нүктелер) немесе CSV файлындағы сиреналарды тіркеу; әрқайсысының префиксі мен кілтін басып шығарады',
    file: '`.geojson` немесе `.json` FeatureCollection, не `name_kk,name_ru,name_en,lon,lat,prefix,purpose` бағандары бар `.csv`',
    demoMany: 'оларды демо деректері деп белгілеу',
    list: 'тіркелген сиреналар және әрқайсысы соңғы рет не хабарлағаны',
    json: 'JSON түрінде',
    battery: (percent) => (percent === null ? 'батарея ?' : `батарея ${percent}%`),
    mains: 'желіден',
    onBattery: 'батареядан',
    mainsUnknown: 'желі ?',
    fault: (text) => `ақау: ${text}`,
    noFault: 'ақау жоқ',
    simulate:
      'пәрмендерді растайтын және күйін хабарлайтын сирена басқару құрылғысын тоқтатылғанша іске қосу',
    url: 'брокер, мысалы `mqtt://127.0.0.1:1883`',
    simPrefix: 'ол ойнайтын сиренаның тақырып префиксі',
    simKey: '`siren add` басып шығарған пәрмен кілті',
    silent: 'пәрмендерді естиді, бірақ ешқашан растамайды',
    ackTwice: 'әр пәрменді екі рет растау',
    simBattery: 'хабарлайтын батарея заряды',
    simOnBattery: 'желі қуаты жоғалғанын хабарлау',
    simFault: 'ақау туралы хабарлау',
  },
  ru: {
    notANumber: (field, value) => `${field}: «${value}» — не число`,
    notAFeatureCollection: (file) => `${file}: не GeoJSON FeatureCollection`,
    theSiren: 'сирена',
    line: (n) => `строка ${n}`,
    feature: (n) => `элемент ${n}`,
    notAPoint: (where) => `${where}: сирена должна быть точкой (\`Point\`)`,
    badPurpose: (where, purposes) => `${where}: кто слышит — одно из ${purposes.join(', ')}`,
    siren: 'реестр сирен и имитатор контроллера сирены',
    add: 'зарегистрировать сирену; выводит её идентификатор и ключ команд для её контроллера (один раз)',
    nameKk: 'название на казахском',
    nameRu: 'название на русском',
    nameEn: 'название на английском',
    lon: 'долгота (WGS84)',
    lat: 'широта (WGS84)',
    prefix: 'префикс темы MQTT, которую слушает её контроллер',
    purpose: (purposes) => `кто слышит: ${code(purposes, 'или')}`,
    organisation: 'организация-владелец',
    demo: 'отметить как демонстрационные данные, а не настоящую сирену',
    key: 'ключ',
    import: 'зарегистрировать сирены из файла GeoJSON (точки) или CSV; выводит префикс и ключ каждой',
    file: '`.geojson` или `.json` FeatureCollection, либо `.csv` со столбцами `name_kk,name_ru,name_en,lon,lat,prefix,purpose`',
    demoMany: 'отметить их как демонстрационные данные',
    list: 'список зарегистрированных сирен и их последние сообщения о состоянии',
    json: 'в виде JSON',
    battery: (percent) => (percent === null ? 'батарея ?' : `батарея ${percent}%`),
    mains: 'от сети',
    onBattery: 'от батареи',
    mainsUnknown: 'сеть ?',
    fault: (text) => `неисправность: ${text}`,
    noFault: 'исправна',
    simulate: 'запустить контроллер сирены, который подтверждает команды и сообщает состояние, до остановки',
    url: 'брокер, например `mqtt://127.0.0.1:1883`',
    simPrefix: 'префикс темы сирены, которую он изображает',
    simKey: 'ключ команд, выведенный `siren add`',
    silent: 'получать команды, но никогда не подтверждать',
    ackTwice: 'подтверждать каждую команду дважды',
    simBattery: 'заряд батареи, о котором он сообщает',
    simOnBattery: 'сообщать о пропаже питания от сети',
    simFault: 'сообщать о неисправности',
  },
};
