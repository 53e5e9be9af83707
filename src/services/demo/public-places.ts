import type { AreaText, NoticeLanguage } from '../../core/notice/notice.js';

type PublicText = Record<NoticeLanguage, AreaText>;

const place = (kk: [string, string], ru: [string, string], en: [string, string]): PublicText => ({
  kk: { name: kk[0], description: kk[1] },
  ru: { name: ru[0], description: ru[1] },
  en: { name: en[0], description: en[1] },
});

const TURAN_AT_ARENA = place(
  ['«Астана Арена» тұсындағы Тұран даңғылы', 'Стадион маңында жабық; көрші көшелерді пайдаланыңыз.'],
  ['Проспект Туран у «Астана Арены»', 'Закрыт у стадиона; пользуйтесь соседними улицами.'],
  ['Turan avenue at Astana Arena', 'Closed near the stadium; use the neighbouring streets.'],
);

/**
 * What residents read about each public zone of the demo exercises, keyed by the zone's internal
 * name. The internal names stay with controllers ("…for the hostage convoy"); a notice made from an
 * exercise takes only the shapes and times, and the demo's PIO writes these in its place.
 */
export const DEMO_PUBLIC_PLACES: Readonly<Record<string, PublicText>> = {
  'Station square cordon (21 Oct)': place(
    ['Вокзал алдындағы алаң', 'Жаттығу кезінде бөгде адамдарға жабық; вокзал жұмыс істейді.'],
    ['Привокзальная площадь', 'Закрыта для посторонних на время учений; вокзал работает.'],
    ['Station square', 'Closed to the public during the drill; the station stays open.'],
  ),
  'Zhenis avenue closed at the station': place(
    ['Жеңіс даңғылы', 'Вокзал маңында жабық; жол полициясының нұсқауымен айналып өтіңіз.'],
    ['Проспект Женис', 'Закрыт у вокзала; объезд по указаниям дорожной полиции.'],
    ['Zhenis avenue', "Closed near the station; follow the traffic police's diversion."],
  ),
  'Turan avenue closed at Astana Arena (23 Oct)': TURAN_AT_ARENA,
  'Turan avenue closed at Astana Arena (2 Nov)': TURAN_AT_ARENA,
  'Khan Shatyr cordon (26 and 29 Oct)': place(
    [
      '«Хан Шатыр» маңы',
      'Тек жаттығу күндері 09:00–17:00 аралығында қоршалады; басқа күндері орталық әдеттегідей жұмыс істейді.',
    ],
    [
      'Территория у «Хан Шатыра»',
      'Оцеплена только в дни учений, с 09:00 до 17:00; в остальные дни центр работает как обычно.',
    ],
    ['Around Khan Shatyr', 'Cordoned on the drill days only, 09:00–17:00; the centre stays open in between.'],
  ),
  'EXPO site cordon': place(
    ['ЭКСПО аумағы', 'Жаттығу кезінде келушілерге жабық.'],
    ['Территория ЭКСПО', 'Закрыта для посетителей на время учений.'],
    ['EXPO site', 'Closed to visitors during the drill.'],
  ),
  'Mangilik El avenue closed along the EXPO site': place(
    ['ЭКСПО бойындағы Мәңгілік Ел даңғылы', 'ЭКСПО аумағы бойында жабық; айналма жол белгілерін ұстаныңыз.'],
    ['Проспект Мәңгілік Ел вдоль ЭКСПО', 'Закрыт вдоль территории ЭКСПО; следуйте знакам объезда.'],
    ['Mangilik El avenue along the EXPO site', 'Closed along the EXPO site; follow the diversion signs.'],
  ),
  'Kabanbay Batyr avenue closed between Hussein bin Talal street and Turan avenue': place(
    [
      'Қабанбай батыр даңғылы',
      'Хусейн бен Талал көшесінен Тұран даңғылына дейін жабық; айналма жол белгілерін ұстаныңыз.',
    ],
    [
      'Проспект Кабанбай батыра',
      'Закрыт от улицы Хусейн бен Талал до проспекта Туран; следуйте знакам объезда.',
    ],
    [
      'Kabanbay Batyr avenue',
      'Closed from Hussein bin Talal street to Turan avenue; follow the diversion signs.',
    ],
  ),
  'Prison perimeter cordon': place(
    ['Түзеу мекемесінің маңы', 'Қоршалған; жақындамаңыз.'],
    ['Территория вокруг исправительного учреждения', 'Оцеплена; не приближайтесь.'],
    ['Around the correctional institution', 'Cordoned; do not approach.'],
  ),
  'School No. 7 cordon': place(
    ['№7 мектеп және көрші аулалар', 'Көрші екі үйдің тұрғындарынан үйде болуды сұраймыз.'],
    ['Школа № 7 и соседние дворы', 'Жителей двух соседних домов просят оставаться дома.'],
    [
      'School No. 7 and the neighbouring blocks',
      'Residents of the two neighbouring blocks are asked to stay indoors.',
    ],
  ),
  'Airport exercise zone (apron and remote stand)': place(
    ['«Сарыарқа» әуежайы (ұшу алаңы)', 'Ұшу алаңында жаттығу өтеді; рейсіңізді әуекомпаниядан нақтылаңыз.'],
    ['Аэропорт «Сары-Арка» (лётное поле)', 'Учения на лётном поле; уточняйте свой рейс у авиакомпании.'],
    ['Sary-Arka airport (airfield)', 'Drill on the airfield; check your flight with your airline.'],
  ),
  'Access road to the correctional institution closed': place(
    ['Түзеу мекемесіне апаратын жол', 'Бүкіл ұзындығы бойынша жабық.'],
    ['Подъездная дорога к исправительному учреждению', 'Закрыта на всём протяжении.'],
    ['Access road to the correctional institution', 'Closed along its whole length.'],
  ),
  'Bukhar-Zhyrau avenue closed between Nurken Abdirov avenue and the Miners\u2019 Palace of Culture': place(
    [
      'Бұқар жырау даңғылы',
      'Нұркен Әбдіров даңғылынан Кеншілер мәдениет сарайына дейін жабық; Әбдіров және Құрылысшылар даңғылдары арқылы айналып өтіңіз.',
    ],
    [
      'Проспект Бухар-Жырау',
      'Закрыт от проспекта Нуркена Абдирова до Дворца культуры горняков; объезд по проспектам Абдирова и Строителей.',
    ],
    [
      'Bukhar-Zhyrau avenue',
      'Closed from Nurken Abdirov avenue to the Miners\u2019 Palace of Culture; use Nurken Abdirov and Stroiteley avenues.',
    ],
  ),
  'Yerubayev street closed at School No. 7': place(
    ['Ерубаев көшесі', '№7 мектеп тұсында жабық.'],
    ['Улица Ерубаева', 'Закрыта у школы № 7.'],
    ['Yerubayev street', 'Closed near School No. 7.'],
  ),
  'Airport road closed for the hostage convoy': place(
    [
      'Қарағанды — «Сарыарқа» әуежайы жолы',
      'Жабық; әуежайға баруға уақытты артығымен қалдырыңыз, рейстер 11:45-тен бастап тоқтатылады.',
    ],
    [
      'Дорога Караганда — аэропорт «Сары-Арка»',
      'Закрыта; закладывайте больше времени на дорогу в аэропорт, рейсы приостановлены с 11:45.',
    ],
    [
      'Karaganda — Sary-Arka airport road',
      'Closed; allow extra time to reach the airport, flights are suspended from 11:45.',
    ],
  ),
  'CHP-3 perimeter cordon': place(
    ['ЖЭО-3 маңы', 'Қоршалған; жақындамаңыз.'],
    ['Территория у ТЭЦ-3', 'Оцеплена; не приближайтесь.'],
    ['Around the CHP-3 power plant', 'Cordoned; do not approach.'],
  ),
  'Industrial zone road to CHP-3 closed': place(
    ['Солтүстік өнеркәсіп аймағының жолы', 'ЖЭО-3 бағытында жабық.'],
    ['Дорога северной промзоны', 'Закрыта в сторону ТЭЦ-3.'],
    ['Northern industrial zone road', 'Closed towards the CHP-3 power plant.'],
  ),
  'Satpayev street closed at the Palace of Culture': place(
    ['Сәтбаев көшесі', 'Мәдениет сарайы тұсында жабық.'],
    ['Улица Сатпаева', 'Закрыта у Дворца культуры.'],
    ['Satpayev street', 'Closed near the Palace of Culture.'],
  ),
};
