import type { MessageLang } from '../messages/messages.js';
import type { ChainProblem, ChainSentence } from './chain.js';

/**
 * Why the audit chain does not hold, in Kazakh and Russian, each with the values its English
 * sentence names; English prints the verification's own problem.
 */
export const CHAIN_PROBLEMS: Readonly<Record<'kk' | 'ru', Readonly<Record<ChainSentence, string>>>> = {
  kk: {
    'out-of-order':
      'мұнда {expected}-жазба күтілді, бірақ {found}-жазба табылды: жазбалар жойылған немесе орны ауыстырылған',
    unlinked: 'алдыңғы жазбамен байланыспайды: жазба жойылған, қосылған немесе қайта жазылған',
    edited: 'мазмұны хэшіне сәйкес келмейді: жазба жазылғаннан кейін өзгертілген',
    'anchor-differs': 'оның хэші бөлек сақталған хэшке (--anchor) сәйкес келмейді',
    'cut-off':
      'журнал {end}-жазбамен аяқталады, ал бөлек сақталған соңғы жазба (--anchor) — {anchor}: жаңарақ жазбалар соңынан кесілген',
  },
  ru: {
    'out-of-order': 'здесь ожидалась запись {expected}, а найдена {found}: записи удалены или переставлены',
    unlinked: 'не связана с предыдущей записью: запись удалена, вставлена или переписана',
    edited: 'содержимое не совпадает с её хешем: запись изменили уже после того, как она была сделана',
    'anchor-differs': 'её хеш не совпадает с хешем, сохранённым для неё отдельно (--anchor)',
    'cut-off':
      'журнал заканчивается записью {end}, а запись, сохранённая отдельно (--anchor), — {anchor}: более новые записи отрезаны с конца',
  },
};

/** Why the chain does not hold, in `lang`: English as the check wrote it, else from its key and values. */
export function chainProblemIn(lang: MessageLang, bad: ChainProblem): string {
  if (lang === 'en') return bad.problem;
  const params: Readonly<Record<string, number>> = bad.words.params ?? {};
  return CHAIN_PROBLEMS[lang][bad.words.key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
