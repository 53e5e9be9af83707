import type { MessageLang } from '../messages/catalogue.js';
import { CORE_CAPABILITIES } from './capabilities.js';

type Words = { name: string; description: string };

/**
 * The shipped catalogue in Kazakh and Russian (terms as in docs/glossary.md). English is the
 * catalogue itself. Keyed by the capability's identifier, which never changes.
 */
const TRANSLATED: Readonly<Record<string, Readonly<Record<'kk' | 'ru', Words>>>> = {
  planning: {
    kk: {
      name: 'Жоспарлау',
      description: 'Барлық деңгейде мақсаттарға қалай жету керектігін белгілейтін жоспарлар.',
    },
    ru: { name: 'Планирование', description: 'Планы, определяющие, как достичь целей, на всех уровнях.' },
  },
  'public-information-and-warning': {
    kk: {
      name: 'Халықты хабардар ету және ескерту',
      description: 'Бүкіл халыққа түсінікті, уақтылы және қолжетімді ақпарат пен ескертулер.',
    },
    ru: {
      name: 'Информирование и оповещение населения',
      description: 'Ясная, своевременная и доступная информация и предупреждения для всего населения.',
    },
  },
  'operational-coordination': {
    kk: {
      name: 'Жедел үйлестіру',
      description: 'Барлық ведомстволарды біріктіретін бірыңғай басқару құрылымы.',
    },
    ru: {
      name: 'Оперативная координация',
      description: 'Единая структура управления, объединяющая все ведомства.',
    },
  },
  'forensics-and-attribution': {
    kk: { name: 'Криминалистика және кінәліні анықтау', description: 'Шабуылдың көзі мен тәсілін тергеу.' },
    ru: {
      name: 'Криминалистика и установление причастности',
      description: 'Расследование источника и способа нападения.',
    },
  },
  'intelligence-and-information-sharing': {
    kk: {
      name: 'Барлау және ақпарат алмасу',
      description: 'Ведомстволар арасында бөлісілетін уақтылы әрі нақты барлау деректері.',
    },
    ru: {
      name: 'Разведка и обмен информацией',
      description: 'Своевременные и точные разведданные, которыми обмениваются ведомства.',
    },
  },
  'interdiction-and-disruption': {
    kk: {
      name: 'Қатерлердің жолын кесу және тойтару',
      description: 'Қатерлерді кідірту, бұру, ұстап қалу, тоқтату немесе залалсыздандыру.',
    },
    ru: {
      name: 'Пресечение и срыв угроз',
      description: 'Задержка, отвлечение, перехват, остановка или обезвреживание угроз.',
    },
  },
  'screening-search-and-detection': {
    kk: {
      name: 'Тексеру, іздеу және анықтау',
      description: 'Қатерлерді тексеру, іздеу және анықтау арқылы табу.',
    },
    ru: {
      name: 'Досмотр, поиск и обнаружение',
      description: 'Выявление угроз путём досмотра, поиска и обнаружения.',
    },
  },
  'access-control-and-identity-verification': {
    kk: {
      name: 'Кіруді бақылау және жеке басты тексеру',
      description: 'Аса маңызды орындар мен жүйелерге тек рұқсаты барларды ғана жіберу.',
    },
    ru: {
      name: 'Контроль доступа и проверка личности',
      description: 'Допуск к критически важным местам и системам только тех, кому положено.',
    },
  },
  cybersecurity: {
    kk: { name: 'Киберқауіпсіздік', description: 'Электрондық байланыс жүйелері мен қызметтерін қорғау.' },
    ru: { name: 'Кибербезопасность', description: 'Защита электронных систем и служб связи.' },
  },
  'physical-protective-measures': {
    kk: {
      name: 'Физикалық қорғау шаралары',
      description: 'Адамдарға, ғимараттарға және жүйелерге төнетін қауіпті физикалық құралдармен азайту.',
    },
    ru: {
      name: 'Физические меры защиты',
      description: 'Снижение риска для людей, сооружений и систем физическими средствами.',
    },
  },
  'risk-management-for-protection': {
    kk: {
      name: 'Қорғау бағдарламалары мен шараларының тәуекелдерін басқару',
      description: 'Қорғау туралы шешім қабылдау үшін тәуекелдерді анықтау, бағалау және басымдыққа қою.',
    },
    ru: {
      name: 'Управление рисками программ и мероприятий по защите',
      description: 'Выявление, оценка и ранжирование рисков для решений о защите.',
    },
  },
  'supply-chain-integrity-and-security': {
    kk: {
      name: 'Жеткізу тізбегінің тұтастығы мен қауіпсіздігі',
      description: 'Жеткізу тізбегінің қауіпсіздігін қамтамасыз ету.',
    },
    ru: {
      name: 'Целостность и безопасность цепочек поставок',
      description: 'Обеспечение безопасности цепочки поставок.',
    },
  },
  'community-resilience': {
    kk: {
      name: 'Қоғамның төзімділігі',
      description: 'Өз тәуекелдерін түсінетін және оларды азайту үшін әрекет ететін қоғам.',
    },
    ru: {
      name: 'Устойчивость общества',
      description: 'Сообщества, которые понимают свои риски и действуют, чтобы их снизить.',
    },
  },
  'long-term-vulnerability-reduction': {
    kk: {
      name: 'Осалдықты ұзақ мерзімде азайту',
      description: 'Төзімді жүйелер мен елді мекендерді құру және қолдау.',
    },
    ru: {
      name: 'Долгосрочное снижение уязвимости',
      description: 'Создание и поддержание устойчивых систем и населённых пунктов.',
    },
  },
  'risk-and-disaster-resilience-assessment': {
    kk: {
      name: 'Тәуекелдерді және апаттарға төзімділікті бағалау',
      description: 'Шешім қабылдау үшін тәуекел мен төзімділікті бағалау.',
    },
    ru: {
      name: 'Оценка рисков и устойчивости к бедствиям',
      description: 'Оценка рисков и устойчивости для принятия решений.',
    },
  },
  'threats-and-hazards-identification': {
    kk: {
      name: 'Қатерлер мен қауіптерді анықтау',
      description: 'Елді мекенге төнетін қатерлер мен қауіптерді анықтау.',
    },
    ru: {
      name: 'Выявление угроз и опасностей',
      description: 'Определение угроз и опасностей, которым подвержен населённый пункт.',
    },
  },
  'critical-transportation': {
    kk: {
      name: 'Аса маңызды тасымалдау',
      description:
        'Ден қоюдың басым міндеттеріне және адамдар мен жануарларды эвакуациялауға арналған көлік.',
    },
    ru: {
      name: 'Критически важные перевозки',
      description: 'Транспорт для первоочередных задач реагирования и эвакуации людей и животных.',
    },
  },
  'environmental-response-health-and-safety': {
    kk: {
      name: 'Экологиялық ден қою, денсаулық және қауіпсіздік',
      description: 'Құтқарушылар мен халықты қауіпті заттардан қорғау.',
    },
    ru: {
      name: 'Экологическое реагирование, охрана здоровья и безопасность',
      description: 'Защита спасателей и населения от опасных веществ.',
    },
  },
  'fatality-management-services': {
    kk: {
      name: 'Қаза тапқандармен жұмыс',
      description: 'Қаза тапқандарды шығару, олардың жеке басын анықтау, оларға және отбасыларына қамқорлық.',
    },
    ru: {
      name: 'Работа с погибшими',
      description: 'Извлечение и опознание погибших, забота о них и об их семьях.',
    },
  },
  'fire-management-and-suppression': {
    kk: {
      name: 'Өртпен күрес және сөндіру',
      description: 'Өмір мен мүлікті қорғай отырып, өрттерді сөндіру.',
    },
    ru: {
      name: 'Борьба с пожарами и их тушение',
      description: 'Тушение пожаров с защитой жизней и имущества.',
    },
  },
  'infrastructure-systems': {
    kk: {
      name: 'Инфрақұрылым жүйелері',
      description: 'Аса маңызды инфрақұрылымды тұрақтандыру және қалпына келтіру.',
    },
    ru: {
      name: 'Инфраструктурные системы',
      description: 'Стабилизация и восстановление критически важной инфраструктуры.',
    },
  },
  'logistics-and-supply-chain-management': {
    kk: {
      name: 'Логистика және жеткізу тізбегін басқару',
      description: 'Қажетті тауарларды, жабдықтар мен қызметтерді жеткізу.',
    },
    ru: {
      name: 'Логистика и управление цепочками поставок',
      description: 'Доставка необходимых товаров, оборудования и услуг.',
    },
  },
  'mass-care-services': {
    kk: {
      name: 'Халықты жаппай тіршілікпен қамтамасыз ету',
      description: 'Зардап шеккендерге баспана, тамақ және қолдау.',
    },
    ru: {
      name: 'Массовое жизнеобеспечение населения',
      description: 'Укрытие, питание и поддержка пострадавших.',
    },
  },
  'mass-search-and-rescue-operations': {
    kk: {
      name: 'Жаппай іздестіру-құтқару операциялары',
      description: 'Апатқа ұшыраған адамдарды іздеу және құтқару.',
    },
    ru: {
      name: 'Массовые поисково-спасательные операции',
      description: 'Поиск и спасение людей, терпящих бедствие.',
    },
  },
  'on-scene-security-protection-and-law-enforcement': {
    kk: {
      name: 'Оқиға орнындағы қауіпсіздік, қорғау және құқық тәртібі',
      description: 'Құтқарушылар мен халық үшін қауіпсіз әрі қорғалған жағдай.',
    },
    ru: {
      name: 'Безопасность, защита и правопорядок на месте происшествия',
      description: 'Безопасная и защищённая обстановка для спасателей и населения.',
    },
  },
  'operational-communications': {
    kk: {
      name: 'Жедел байланыс',
      description: 'Құтқарушылар арасындағы және зардап шеккен халықпен байланыс.',
    },
    ru: {
      name: 'Оперативная связь',
      description: 'Связь между спасателями и с пострадавшим населением.',
    },
  },
  'public-health-healthcare-and-ems': {
    kk: {
      name: 'Қоғамдық денсаулық сақтау, медициналық көмек және жедел медициналық жәрдем',
      description: 'Өмірді сақтап қалатын емдеу және қоғамдық денсаулық сақтау шаралары.',
    },
    ru: {
      name: 'Общественное здравоохранение, медицинская помощь и скорая медицинская помощь',
      description: 'Жизнеспасающее лечение и меры общественного здравоохранения.',
    },
  },
  'situational-assessment': {
    kk: {
      name: 'Жағдайды бағалау',
      description: 'Оқиғаның сипаты мен ауқымы туралы шешім қабылдауға қажетті мәліметтер.',
    },
    ru: {
      name: 'Оценка обстановки',
      description: 'Сведения о характере и масштабах происшествия, нужные для решений.',
    },
  },
  'economic-recovery': {
    kk: {
      name: 'Экономиканы қалпына келтіру',
      description: 'Экономикалық және іскерлік белсенділікті қалыпқа келтіру.',
    },
    ru: {
      name: 'Восстановление экономики',
      description: 'Возвращение экономической и деловой активности к нормальному состоянию.',
    },
  },
  'health-and-social-services': {
    kk: {
      name: 'Денсаулық сақтау және әлеуметтік қызметтер',
      description: 'Денсаулық сақтау және әлеуметтік қызметтер желілерін қалпына келтіру.',
    },
    ru: {
      name: 'Здравоохранение и социальные услуги',
      description: 'Восстановление сетей медицинских и социальных служб.',
    },
  },
  housing: {
    kk: { name: 'Тұрғын үй', description: 'Қалпына келтіруге ықпал ететін тұрғын үй шешімдері.' },
    ru: { name: 'Жильё', description: 'Жилищные решения, способствующие восстановлению.' },
  },
  'natural-and-cultural-resources': {
    kk: {
      name: 'Табиғи және мәдени ресурстар',
      description: 'Табиғи және мәдени ресурстарды және тарихи мұраны қорғау.',
    },
    ru: {
      name: 'Природные и культурные ресурсы',
      description: 'Защита природных и культурных ресурсов и исторического наследия.',
    },
  },
};

const SHIPPED = new Map(CORE_CAPABILITIES.map((c) => [c.key, c]));

/** Identifiers of shipped capabilities without a Kazakh and Russian text (a test keeps it empty). */
export const untranslatedCapabilities = (): string[] =>
  CORE_CAPABILITIES.filter((c) => !TRANSLATED[c.key]).map((c) => c.key);

function words(id: string, lang: MessageLang, field: keyof Words, stored: string): string {
  if (lang === 'en') return stored;
  const shipped = SHIPPED.get(id);
  // An administrator's own wording is theirs in every language: only the shipped text is translated.
  if (!shipped || shipped[field] !== stored) return stored;
  return TRANSLATED[id]?.[lang][field] ?? stored;
}

/** A core capability's name as a reader of `lang` sees it. */
export const capabilityName = (id: string, stored: string, lang: MessageLang): string =>
  words(id, lang, 'name', stored);

/** A core capability's description as a reader of `lang` sees it. */
export const capabilityDescription = (id: string, stored: string, lang: MessageLang): string =>
  words(id, lang, 'description', stored);
