/** The words of an overdue reminder in each console language; the item's own texts are as written. */
export interface ReminderFacts {
  action: string;
  issue: string;
  exercise: string;
  capability: string;
  organisation: string;
  owner: string;
  dueOn: string;
  daysLate: number;
  status: string;
  link: string;
}

type Words = {
  subject: (f: ReminderFacts) => string;
  lines: (f: ReminderFacts) => string[];
  status: Record<string, string>;
};

const WORDS: Record<'kk' | 'ru' | 'en', Words> = {
  kk: {
    subject: (f) => `Түзету әрекетінің мерзімі өтті: ${f.action}`,
    lines: (f) => [
      `Түзету әрекеті: ${f.action}`,
      `Жетілдіруді қажет ететін мәселе: ${f.issue}`,
      `Оқу-жаттығу: ${f.exercise}`,
      `Мүмкіндік: ${f.capability}`,
      `Жауапты ұйым: ${f.organisation}; орындаушы: ${f.owner}`,
      `Мерзімі: ${f.dueOn} (${f.daysLate} күн кешікті)`,
      `Қазіргі күйі: ${f.status}`,
    ],
    status: { open: 'ашық', in_progress: 'орындалуда', completed: 'орындалды', cancelled: 'күші жойылды' },
  },
  ru: {
    subject: (f) => `Срок корректирующего действия истёк: ${f.action}`,
    lines: (f) => [
      `Корректирующее действие: ${f.action}`,
      `Область для улучшения: ${f.issue}`,
      `Учение: ${f.exercise}`,
      `Возможность: ${f.capability}`,
      `Ответственная организация: ${f.organisation}; исполнитель: ${f.owner}`,
      `Срок: ${f.dueOn} (просрочено на ${f.daysLate} дн.)`,
      `Состояние: ${f.status}`,
    ],
    status: { open: 'открыто', in_progress: 'в работе', completed: 'выполнено', cancelled: 'отменено' },
  },
  en: {
    subject: (f) => `Corrective action overdue: ${f.action}`,
    lines: (f) => [
      `Corrective action: ${f.action}`,
      `Area for improvement: ${f.issue}`,
      `Exercise: ${f.exercise}`,
      `Capability: ${f.capability}`,
      `Responsible organisation: ${f.organisation}; owner: ${f.owner}`,
      `Due: ${f.dueOn} (${f.daysLate} day${f.daysLate === 1 ? '' : 's'} late)`,
      `Status: ${f.status}`,
    ],
    status: { open: 'open', in_progress: 'in progress', completed: 'completed', cancelled: 'cancelled' },
  },
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The reminder in `language` (kk, ru or en; any other reads English). */
export function reminderText(language: string, f: ReminderFacts) {
  const w = WORDS[(language in WORDS ? language : 'en') as keyof typeof WORDS];
  const facts = { ...f, status: w.status[f.status] ?? f.status };
  const lines = w.lines(facts);
  return {
    subject: w.subject(facts),
    body: lines.join('\n'),
    text: `${lines.join('\n')}\n\n${f.link}`,
    html: `<html><body><h1>${escapeHtml(w.subject(facts))}</h1>${lines
      .map((l) => `<p>${escapeHtml(l)}</p>`)
      .join('')}<p><a href="${escapeHtml(f.link)}">${escapeHtml(f.link)}</a></p></body></html>`,
  };
}
