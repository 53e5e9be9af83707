import type { ImprovementStatus, ProposalState } from '../../core/improvement/improvement.js';
import type { MessageLang } from '../../core/messages/messages.js';

/**
 * What `dabyl improvement` prints for a person, in each console language (the words the console's
 * improvement plan uses). JSON carries the codes, for scripts.
 */
export interface ImprovementWords {
  columns: {
    status: string;
    overdue: string;
    dueOn: string;
    exercise: string;
    capability: string;
    organisation: string;
    owner: string;
    action: string;
    testIn: string;
  };
  status: Record<ImprovementStatus, string>;
  testIn: Record<ProposalState, (exercise: string) => string>;
  overdue: string;
  none: string;
  /** A refused option value, naming the option and what it takes. */
  oneOf: (option: string, allowed: string) => string;
}

export const IMPROVEMENT_WORDS: Readonly<Record<MessageLang, ImprovementWords>> = {
  en: {
    columns: {
      status: 'Status',
      overdue: 'Overdue',
      dueOn: 'Due',
      exercise: 'Exercise',
      capability: 'Core capability',
      organisation: 'Responsible organisation',
      owner: 'Owner',
      action: 'Corrective action',
      testIn: 'To be tested in',
    },
    status: { open: 'Open', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled' },
    testIn: {
      proposed: (e) => `${e} (proposed)`,
      accepted: (e) => `${e} (an objective there)`,
      dismissed: (e) => `not taken up by ${e}`,
    },
    overdue: 'Overdue',
    none: 'No improvement items match.',
    oneOf: (option, allowed) => `${option} must be one of ${allowed}`,
  },
  kk: {
    columns: {
      status: 'Күйі',
      overdue: 'Мерзімі өткені',
      dueOn: 'Мерзімі',
      exercise: 'Оқу-жаттығу',
      capability: 'Негізгі қабілет',
      organisation: 'Жауапты ұйым',
      owner: 'Жауапты адам',
      action: 'Түзету әрекеті',
      testIn: 'Тексерілетін оқу-жаттығу',
    },
    status: { open: 'Ашық', in_progress: 'Орындалуда', completed: 'Орындалды', cancelled: 'Күші жойылды' },
    testIn: {
      proposed: (e) => `${e} (ұсынылды)`,
      accepted: (e) => `${e} (онда мақсат)`,
      dismissed: (e) => `${e} қабылдамады`,
    },
    overdue: 'Мерзімі өтті',
    none: 'Сәйкес жетілдіру тармақтары жоқ.',
    oneOf: (option, allowed) => `${option} мынаның бірі болуы керек: ${allowed}`,
  },
  ru: {
    columns: {
      status: 'Состояние',
      overdue: 'Просрочка',
      dueOn: 'Срок',
      exercise: 'Учение',
      capability: 'Базовая способность',
      organisation: 'Ответственная организация',
      owner: 'Ответственный',
      action: 'Корректирующее действие',
      testIn: 'Проверить на учении',
    },
    status: { open: 'Открыто', in_progress: 'В работе', completed: 'Выполнено', cancelled: 'Отменено' },
    testIn: {
      proposed: (e) => `${e} (предложено)`,
      accepted: (e) => `${e} (там это цель)`,
      dismissed: (e) => `не принято учением ${e}`,
    },
    overdue: 'Просрочено',
    none: 'Нет подходящих пунктов плана улучшений.',
    oneOf: (option, allowed) => `${option} должен быть одним из: ${allowed}`,
  },
};
