import type { CapCategory, CapCertainty, CapResponseType, CapSeverity, CapUrgency } from '../../cap/model.js';
import type { AlertLanguage, AlertText, AlertTexts, Hazard } from './alert.js';

/*
 * Templates per hazard: the CAP terms the hazard always carries and a starting text in each
 * language, which the drafter completes for the place and the moment. `{area}` is replaced by the
 * area as the drafter names it. Texts are plain: no markup reaches any channel.
 */

export interface HazardTerms {
  category: CapCategory;
  responseType: CapResponseType;
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
}

export interface HazardTemplate {
  hazard: Hazard;
  terms: HazardTerms;
  /** The CAP `event` per language. */
  event: Record<AlertLanguage, string>;
  text: Record<AlertLanguage, Omit<AlertText, 'areaDesc'>>;
}

const t = (
  hazard: Hazard,
  terms: HazardTerms,
  event: Record<AlertLanguage, string>,
  text: Record<AlertLanguage, Omit<AlertText, 'areaDesc'>>,
): HazardTemplate => ({ hazard, terms, event, text });

export const TEMPLATES: Readonly<Record<Hazard, HazardTemplate>> = {
  earthquake: t(
    'earthquake',
    {
      category: 'Geo',
      responseType: 'Shelter',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
    },
    { kk: 'Жер сілкінісі', ru: 'Землетрясение', en: 'Earthquake' },
    {
      kk: {
        headline: 'Жер сілкінісі: {area}',
        description: '{area} аумағында жер сілкінісі болды. Қайталама дүмпулер болуы мүмкін.',
        instruction:
          'Ғимараттан шығып, ашық жерге барыңыз. Лифтіні пайдаланбаңыз. Ғимараттардан, бағаналардан және сымдардан алыс болыңыз.',
      },
      ru: {
        headline: 'Землетрясение: {area}',
        description: 'В районе {area} произошло землетрясение. Возможны повторные толчки.',
        instruction:
          'Выйдите из здания на открытое место. Не пользуйтесь лифтом. Держитесь подальше от зданий, столбов и проводов.',
      },
      en: {
        headline: 'Earthquake: {area}',
        description: 'An earthquake has struck {area}. Aftershocks are possible.',
        instruction:
          'Leave the building for open ground. Do not use lifts. Keep away from buildings, poles and power lines.',
      },
    },
  ),
  flood: t(
    'flood',
    {
      category: 'Met',
      responseType: 'Evacuate',
      urgency: 'Expected',
      severity: 'Severe',
      certainty: 'Likely',
    },
    { kk: 'Су тасқыны', ru: 'Наводнение', en: 'Flood' },
    {
      kk: {
        headline: 'Су тасқыны қаупі: {area}',
        description: '{area} аумағында су деңгейі көтеріліп жатыр.',
        instruction: 'Биік жерге көтеріліңіз. Суы бар жолдармен жүрмеңіз. Құжаттарыңызды алыңыз.',
      },
      ru: {
        headline: 'Угроза наводнения: {area}',
        description: 'В районе {area} поднимается уровень воды.',
        instruction: 'Поднимитесь на возвышенность. Не ездите по затопленным дорогам. Возьмите документы.',
      },
      en: {
        headline: 'Flood warning: {area}',
        description: 'Water levels are rising in {area}.',
        instruction: 'Move to higher ground. Do not drive through flooded roads. Take your documents.',
      },
    },
  ),
  fire: t(
    'fire',
    {
      category: 'Fire',
      responseType: 'Evacuate',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
    },
    { kk: 'Өрт', ru: 'Пожар', en: 'Fire' },
    {
      kk: {
        headline: 'Өрт: {area}',
        description: '{area} аумағында ірі өрт шықты.',
        instruction: 'Аумақтан кетіңіз. Терезелерді жабыңыз. Құтқарушылардың нұсқауларын орындаңыз.',
      },
      ru: {
        headline: 'Пожар: {area}',
        description: 'В районе {area} крупный пожар.',
        instruction: 'Покиньте район. Закройте окна. Следуйте указаниям спасателей.',
      },
      en: {
        headline: 'Fire: {area}',
        description: 'A large fire is burning in {area}.',
        instruction: 'Leave the area. Close windows. Follow the instructions of rescuers.',
      },
    },
  ),
  'air-raid': t(
    'air-raid',
    {
      category: 'Security',
      responseType: 'Shelter',
      urgency: 'Immediate',
      severity: 'Extreme',
      certainty: 'Likely',
    },
    { kk: 'Әуе шабуылы қаупі', ru: 'Воздушная тревога', en: 'Air raid' },
    {
      kk: {
        headline: 'Әуе шабуылы қаупі: {area}',
        description: '{area} аумағында әуе шабуылы қаупі жарияланды.',
        instruction: 'Дереу ең жақын баспанаға немесе жертөлеге барыңыз. Терезелерден алыс болыңыз.',
      },
      ru: {
        headline: 'Воздушная тревога: {area}',
        description: 'В районе {area} объявлена воздушная тревога.',
        instruction: 'Немедленно пройдите в ближайшее укрытие или подвал. Держитесь подальше от окон.',
      },
      en: {
        headline: 'Air raid warning: {area}',
        description: 'An air raid warning is in force for {area}.',
        instruction: 'Go to the nearest shelter or basement now. Keep away from windows.',
      },
    },
  ),
  chemical: t(
    'chemical',
    {
      category: 'CBRNE',
      responseType: 'Shelter',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
    },
    { kk: 'Химиялық қауіп', ru: 'Химическая опасность', en: 'Chemical hazard' },
    {
      kk: {
        headline: 'Химиялық қауіп: {area}',
        description: '{area} аумағында қауіпті химиялық заттар ауаға шықты.',
        instruction:
          'Үйде қалыңыз. Терезелер мен есіктерді жабыңыз, желдеткішті өшіріңіз. Ылғал матамен тыныс алыңыз.',
      },
      ru: {
        headline: 'Химическая опасность: {area}',
        description: 'В районе {area} произошёл выброс опасных химических веществ.',
        instruction:
          'Оставайтесь в помещении. Закройте окна и двери, выключите вентиляцию. Дышите через влажную ткань.',
      },
      en: {
        headline: 'Chemical hazard: {area}',
        description: 'Dangerous chemicals have been released in {area}.',
        instruction:
          'Stay indoors. Close windows and doors and switch off ventilation. Breathe through a damp cloth.',
      },
    },
  ),
  'terrorist-attack': t(
    'terrorist-attack',
    {
      category: 'Security',
      responseType: 'Avoid',
      urgency: 'Immediate',
      severity: 'Extreme',
      certainty: 'Observed',
    },
    { kk: 'Террористік қауіп', ru: 'Террористическая угроза', en: 'Terrorist attack' },
    {
      kk: {
        headline: 'Террористік қауіп: {area}',
        description: '{area} аумағында террористік акт жасалды. Құқық қорғау органдары жұмыс істеп жатыр.',
        instruction:
          'Бұл аумаққа бармаңыз. Жасырынып, полицияның нұсқауларын күтіңіз. Оқиға орнын түсірмеңіз.',
      },
      ru: {
        headline: 'Террористическая угроза: {area}',
        description: 'В районе {area} совершён террористический акт. Работают правоохранительные органы.',
        instruction:
          'Не приближайтесь к району. Укройтесь и ждите указаний полиции. Не снимайте место событий.',
      },
      en: {
        headline: 'Terrorist attack: {area}',
        description: 'A terrorist attack is under way in {area}. Police are responding.',
        instruction:
          'Stay away from the area. Take cover and wait for police instructions. Do not film the scene.',
      },
    },
  ),
  'all-clear': t(
    'all-clear',
    {
      category: 'Safety',
      responseType: 'AllClear',
      urgency: 'Immediate',
      severity: 'Minor',
      certainty: 'Observed',
    },
    { kk: 'Қауіп жойылды', ru: 'Отбой тревоги', en: 'All clear' },
    {
      kk: {
        headline: 'Қауіп жойылды: {area}',
        description: '{area} аумағындағы қауіп жойылды.',
        instruction: 'Қалыпты өмірге орала беріңіз. Ресми хабарламаларды қадағалаңыз.',
      },
      ru: {
        headline: 'Отбой тревоги: {area}',
        description: 'Опасность в районе {area} миновала.',
        instruction: 'Можно вернуться к обычной жизни. Следите за официальными сообщениями.',
      },
      en: {
        headline: 'All clear: {area}',
        description: 'The danger in {area} is over.',
        instruction: 'You may return to normal activities. Follow official announcements.',
      },
    },
  ),
};

/** What a Cancel says in each language, before the cancelled message's headline. */
export const CANCEL_PHRASES: Readonly<
  Record<AlertLanguage, { headline: string; description: string; instruction: string }>
> = {
  kk: {
    headline: 'Күшін жойды',
    description: 'Бұған дейінгі хабарлама қате жіберілді немесе енді күшінде емес. Оны елемеңіз.',
    instruction: 'Ешқандай әрекет қажет емес.',
  },
  ru: {
    headline: 'Отменено',
    description:
      'Предыдущее сообщение отправлено ошибочно или больше не действует. Не принимайте его во внимание.',
    instruction: 'Никаких действий не требуется.',
  },
  en: {
    headline: 'Cancelled',
    description: 'The earlier message was sent in error or no longer applies. Disregard it.',
    instruction: 'No action is needed.',
  },
};

/** A template's texts for an area, as the composer starts them. */
export function textsFromTemplate(
  hazard: Hazard,
  areaDesc: Partial<Record<AlertLanguage, string>>,
): AlertTexts {
  const tpl = TEMPLATES[hazard];
  const out: AlertTexts = {};
  for (const lang of Object.keys(tpl.text) as AlertLanguage[]) {
    const area =
      areaDesc[lang]?.trim() || areaDesc.en?.trim() || areaDesc.ru?.trim() || areaDesc.kk?.trim() || '';
    const fill = (s: string) => s.replaceAll('{area}', area);
    const x = tpl.text[lang];
    out[lang] = {
      headline: fill(x.headline),
      description: fill(x.description),
      instruction: fill(x.instruction),
      areaDesc: area,
    };
  }
  return out;
}
