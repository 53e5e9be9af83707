import type { LocationFault, LocationField } from '../../core/play/location.js';
import type { PortalLang } from './i18n.js';

/** The words of the page a player without an account opens from an inject's e-mail or SMS. */
export interface InjectLinkTexts {
  title: string;
  marking: string;
  player: string;
  team: string;
  noTeam: string;
  exerciseTime: string;
  firedAt: string;
  acknowledge: string;
  acknowledgedAt: string;
  question: string;
  choose: string;
  chosen: string;
  reportHeading: string;
  reportLabel: string;
  reportHint: string;
  send: string;
  reportsHeading: string;
  noReports: string;
  noPlayHeading: string;
  noPlayLead: string;
  expires: string;
  done: Record<'acknowledged' | 'reported' | 'decided', string>;
  invalidTitle: string;
  textMissing: string;
  textTooLong: string;
  photoLabel: string;
  photoHint: string;
  photoPick: string;
  photoNone: string;
  photoRemove: string;
  withPhoto: string;
  photoTooLarge: string;
  photoNotPicture: string;
  photoMismatch: string;
  oneFile: string;
  formBroken: string;
  placeLegend: string;
  latitude: string;
  longitude: string;
  placeHint: string;
  locate: string;
  locating: string;
  /** `{m}`: the position's accuracy in metres. */
  located: string;
  locateFailed: string;
  /** A report's place in the list: `{lat}` and `{lon}` in the page's number format. */
  place: string;
  /** A refused place, naming the box at fault. */
  placeProblem: Record<LocationField, Record<LocationFault, string>>;
}

const en: InjectLinkTexts = {
  title: 'Inject',
  marking: 'EXERCISE EXERCISE EXERCISE — this is an exercise, not a real event',
  player: 'You',
  team: 'Team',
  noTeam: 'no team',
  exerciseTime: 'Exercise time',
  firedAt: 'Sent',
  acknowledge: 'I have received it',
  acknowledgedAt: 'You acknowledged it at',
  question: 'Your team’s decision',
  choose: 'Choose one; the first answer from your team counts.',
  chosen: 'Chosen: “{option}” by {by}',
  reportHeading: 'Report what you did',
  reportLabel: 'What was done',
  reportHint: 'Up to 4,000 characters. It is logged against this inject, with your name and team.',
  send: 'Send report',
  reportsHeading: 'Your team’s reports on this inject',
  noReports: 'No reports yet.',
  noPlayHeading: 'NO PLAY',
  noPlayLead:
    'Play is halted for a real situation. Follow your real duties; the controllers will resume the exercise.',
  expires: 'This link works until {at}.',
  done: {
    acknowledged: 'Acknowledged. The controllers see it.',
    reported: 'Your report has been logged.',
    decided: 'Your team’s decision has been recorded.',
  },
  invalidTitle: 'This link does not open an inject',
  textMissing: 'Say what was done before sending.',
  textTooLong: 'The report is longer than 4,000 characters: shorten it, or send it in two.',
  photoLabel: 'Photo (if you have one)',
  photoHint: 'One JPEG, PNG or WebP picture up to 5 MB. On a phone you can take it with the camera now.',
  photoPick: 'Choose a photo',
  photoNone: 'No photo chosen',
  photoRemove: 'Remove the photo',
  withPhoto: 'With a photo',
  photoTooLarge:
    'The photo is larger than 5 MB, so the report was not logged. Choose a smaller picture (or take it at a lower resolution) and send again.',
  photoNotPicture:
    'The attached file is not a JPEG, PNG or WebP picture, so the report was not logged. Choose a photo, or send the report without one.',
  photoMismatch:
    'The attached file is not the kind of picture its name says, so the report was not logged. Choose the photo again, or send the report without it.',
  oneFile: 'Attach one photo only: the report was not logged. Send it again with a single photo.',
  formBroken: 'The report arrived incomplete or damaged and was not logged. Please send it again.',

  placeLegend: 'Where you are (if you can say)',
  latitude: 'Latitude',
  longitude: 'Longitude',
  placeHint:
    'In degrees, as a map app shows them: 49.8047 and 73.1094 (a decimal comma works too). Both numbers can be pasted into Latitude. Leave both empty to report without a place.',
  locate: 'Use my position',
  locating: 'Finding your position…',
  located: 'Your position is filled in, to within about {m} m. Check it and send.',
  locateFailed:
    'Your position could not be found: the phone did not allow it or has no fix. Type the coordinates, or send the report without them.',
  place: 'Place: {lat}, {lon}',
  placeProblem: {
    latitude: {
      not_a_number:
        'Latitude is not a number of degrees, so the report was not logged. Write it as 49.8047 (or 49,8047), or clear both boxes to send the report without a place.',
      out_of_range:
        'Latitude must be between −90 and 90 degrees, so the report was not logged. Check the number, or clear both boxes to send the report without a place.',
      missing:
        'Longitude is filled in but latitude is not, so the report was not logged. Give the latitude too, or clear the longitude to send the report without a place.',
    },
    longitude: {
      not_a_number:
        'Longitude is not a number of degrees, so the report was not logged. Write it as 73.1094 (or 73,1094), or clear both boxes to send the report without a place.',
      out_of_range:
        'Longitude must be between −180 and 180 degrees, so the report was not logged. Check the number, or clear both boxes to send the report without a place.',
      missing:
        'Latitude is filled in but longitude is not, so the report was not logged. Give the longitude too, or clear the latitude to send the report without a place.',
    },
  },
};

const ru: InjectLinkTexts = {
  title: 'Вводная',
  marking: 'EXERCISE EXERCISE EXERCISE — это учения, а не реальное событие',
  player: 'Вы',
  team: 'Команда',
  noTeam: 'без команды',
  exerciseTime: 'Время учения',
  firedAt: 'Отправлена',
  acknowledge: 'Получил(а)',
  acknowledgedAt: 'Вы подтвердили получение в',
  question: 'Решение вашей команды',
  choose: 'Выберите один вариант; засчитывается первый ответ вашей команды.',
  chosen: 'Выбрано: «{option}», выбрал(а) {by}',
  reportHeading: 'Доложите, что сделано',
  reportLabel: 'Что сделано',
  reportHint: 'До 4000 символов. Доклад записывается к этой вводной с вашим именем и командой.',
  send: 'Отправить доклад',
  reportsHeading: 'Доклады вашей команды по этой вводной',
  noReports: 'Докладов пока нет.',
  noPlayHeading: 'NO PLAY',
  noPlayLead:
    'Игра остановлена из-за реальной ситуации. Выполняйте свои реальные обязанности; контролёры возобновят учение.',
  expires: 'Ссылка действует до {at}.',
  done: {
    acknowledged: 'Получение подтверждено. Контролёры это видят.',
    reported: 'Ваш доклад записан.',
    decided: 'Решение вашей команды записано.',
  },
  invalidTitle: 'Эта ссылка не открывает вводную',
  textMissing: 'Перед отправкой напишите, что сделано.',
  textTooLong: 'Доклад длиннее 4000 символов: сократите его или отправьте двумя частями.',
  photoLabel: 'Фото (если есть)',
  photoHint: 'Одно изображение JPEG, PNG или WebP, до 5 МБ. На телефоне его можно сразу снять камерой.',
  photoPick: 'Выбрать фото',
  photoNone: 'Фото не выбрано',
  photoRemove: 'Убрать фото',
  withPhoto: 'С фото',
  photoTooLarge:
    'Фото больше 5 МБ, поэтому доклад не записан. Выберите снимок поменьше (или снимите с меньшим разрешением) и отправьте снова.',
  photoNotPicture:
    'Приложенный файл — не изображение JPEG, PNG или WebP, поэтому доклад не записан. Выберите фото или отправьте доклад без него.',
  photoMismatch:
    'Приложенный файл — не то изображение, каким назван, поэтому доклад не записан. Выберите фото заново или отправьте доклад без него.',
  oneFile: 'Приложите только одно фото: доклад не записан. Отправьте его снова с одним снимком.',
  formBroken: 'Доклад пришёл неполным или повреждённым и не записан. Отправьте его ещё раз.',

  placeLegend: 'Где вы находитесь (если знаете)',
  latitude: 'Широта',
  longitude: 'Долгота',
  placeHint:
    'В градусах, как в картографическом приложении: 49,8047 и 73,1094 (можно и с точкой). Оба числа можно вставить в поле «Широта». Оставьте оба поля пустыми, чтобы доложить без места.',
  locate: 'Определить моё местоположение',
  locating: 'Определяем местоположение…',
  located: 'Местоположение подставлено, точность около {m} м. Проверьте и отправьте.',
  locateFailed:
    'Не удалось определить местоположение: телефон не дал доступа или нет сигнала. Введите координаты вручную или отправьте доклад без них.',
  place: 'Место: {lat}; {lon}',
  placeProblem: {
    latitude: {
      not_a_number:
        'Широта — не число градусов, поэтому доклад не записан. Напишите её как 49,8047 (или 49.8047) либо очистите оба поля, чтобы отправить доклад без места.',
      out_of_range:
        'Широта должна быть от −90 до 90 градусов, поэтому доклад не записан. Проверьте число или очистите оба поля, чтобы отправить доклад без места.',
      missing:
        'Долгота указана, а широта — нет, поэтому доклад не записан. Укажите и широту или очистите долготу, чтобы отправить доклад без места.',
    },
    longitude: {
      not_a_number:
        'Долгота — не число градусов, поэтому доклад не записан. Напишите её как 73,1094 (или 73.1094) либо очистите оба поля, чтобы отправить доклад без места.',
      out_of_range:
        'Долгота должна быть от −180 до 180 градусов, поэтому доклад не записан. Проверьте число или очистите оба поля, чтобы отправить доклад без места.',
      missing:
        'Широта указана, а долгота — нет, поэтому доклад не записан. Укажите и долготу или очистите широту, чтобы отправить доклад без места.',
    },
  },
};

const kk: InjectLinkTexts = {
  title: 'Кіріспе',
  marking: 'EXERCISE EXERCISE EXERCISE — бұл оқу-жаттығу, нақты оқиға емес',
  player: 'Сіз',
  team: 'Топ',
  noTeam: 'топсыз',
  exerciseTime: 'Оқу-жаттығу уақыты',
  firedAt: 'Жіберілді',
  acknowledge: 'Алдым',
  acknowledgedAt: 'Сіз алғаныңызды растадыңыз:',
  question: 'Топтың шешімі',
  choose: 'Бір нұсқаны таңдаңыз; топтың бірінші жауабы есептеледі.',
  chosen: 'Таңдалды: «{option}», таңдаған {by}',
  reportHeading: 'Не істелгенін баяндаңыз',
  reportLabel: 'Не істелді',
  reportHint: '4000 таңбаға дейін. Баяндама осы кіріспеге атыңызбен және тобыңызбен жазылады.',
  send: 'Баяндаманы жіберу',
  reportsHeading: 'Тобыңыздың осы кіріспе бойынша баяндамалары',
  noReports: 'Әзірге баяндама жоқ.',
  noPlayHeading: 'NO PLAY',
  noPlayLead:
    'Нақты жағдайға байланысты ойын тоқтатылды. Нақты міндеттеріңізді орындаңыз; бақылаушылар оқу-жаттығуды жалғастырады.',
  expires: 'Сілтеме {at} дейін жарамды.',
  done: {
    acknowledged: 'Алғаныңыз расталды. Бақылаушылар мұны көреді.',
    reported: 'Баяндамаңыз жазылды.',
    decided: 'Тобыңыздың шешімі жазылды.',
  },
  invalidTitle: 'Бұл сілтеме кіріспені ашпайды',
  textMissing: 'Жібермес бұрын не істелгенін жазыңыз.',
  textTooLong: 'Баяндама 4000 таңбадан ұзын: оны қысқартыңыз немесе екі бөлікпен жіберіңіз.',
  photoLabel: 'Фотосурет (бар болса)',
  photoHint: 'Бір JPEG, PNG немесе WebP суреті, 5 МБ дейін. Телефонда оны бірден камерамен түсіруге болады.',
  photoPick: 'Фотосуретті таңдау',
  photoNone: 'Фотосурет таңдалмаған',
  photoRemove: 'Фотосуретті алып тастау',
  withPhoto: 'Фотосуретімен',
  photoTooLarge:
    'Фотосурет 5 МБ-тан үлкен, сондықтан баяндама жазылмады. Кішірек суретті таңдаңыз (немесе төменірек ажыратымдылықпен түсіріңіз) де, қайта жіберіңіз.',
  photoNotPicture:
    'Тіркелген файл JPEG, PNG немесе WebP суреті емес, сондықтан баяндама жазылмады. Фотосуретті таңдаңыз немесе баяндаманы онсыз жіберіңіз.',
  photoMismatch:
    'Тіркелген файл атауында көрсетілген сурет түрі емес, сондықтан баяндама жазылмады. Фотосуретті қайта таңдаңыз немесе баяндаманы онсыз жіберіңіз.',
  oneFile: 'Тек бір фотосурет тіркеңіз: баяндама жазылмады. Оны бір суретпен қайта жіберіңіз.',
  formBroken: 'Баяндама толық емес немесе бүлінген күйде келді және жазылмады. Оны қайта жіберіңіз.',

  placeLegend: 'Қай жердесіз (көрсете алсаңыз)',
  latitude: 'Ендік',
  longitude: 'Бойлық',
  placeHint:
    'Карта қосымшасындағыдай градуспен: 49,8047 және 73,1094 (нүктемен де болады). Екі санды да «Ендік» өрісіне қоюға болады. Орынсыз баяндау үшін екі өрісті де бос қалдырыңыз.',
  locate: 'Орнымды анықтау',
  locating: 'Орныңыз анықталуда…',
  located: 'Орныңыз толтырылды, дәлдігі шамамен {m} м. Тексеріп, жіберіңіз.',
  locateFailed:
    'Орныңызды анықтау мүмкін болмады: телефон рұқсат бермеді немесе сигнал жоқ. Координаттарды қолмен енгізіңіз немесе баяндаманы оларсыз жіберіңіз.',
  place: 'Орны: {lat}; {lon}',
  placeProblem: {
    latitude: {
      not_a_number:
        'Ендік градус саны емес, сондықтан баяндама жазылмады. Оны 49,8047 (немесе 49.8047) түрінде жазыңыз не орынсыз жіберу үшін екі өрісті де тазалаңыз.',
      out_of_range:
        'Ендік −90 мен 90 градус аралығында болуы керек, сондықтан баяндама жазылмады. Санды тексеріңіз не орынсыз жіберу үшін екі өрісті де тазалаңыз.',
      missing:
        'Бойлық көрсетілген, ал ендік жоқ, сондықтан баяндама жазылмады. Ендікті де көрсетіңіз не орынсыз жіберу үшін бойлықты тазалаңыз.',
    },
    longitude: {
      not_a_number:
        'Бойлық градус саны емес, сондықтан баяндама жазылмады. Оны 73,1094 (немесе 73.1094) түрінде жазыңыз не орынсыз жіберу үшін екі өрісті де тазалаңыз.',
      out_of_range:
        'Бойлық −180 мен 180 градус аралығында болуы керек, сондықтан баяндама жазылмады. Санды тексеріңіз не орынсыз жіберу үшін екі өрісті де тазалаңыз.',
      missing:
        'Ендік көрсетілген, ал бойлық жоқ, сондықтан баяндама жазылмады. Бойлықты да көрсетіңіз не орынсыз жіберу үшін ендікті тазалаңыз.',
    },
  },
};

const TEXTS: Record<PortalLang, InjectLinkTexts> = { en, ru, kk };

export const injectLinkTexts = (lang: PortalLang): InjectLinkTexts => TEXTS[lang];
