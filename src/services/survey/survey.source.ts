import { notSentOver, type ChannelMessage } from '../../channels/channel.js';
import type { AppContext } from '../context.js';
import type { AudienceMember, OutboxSource } from '../outbox/source.js';

/** What a survey delivery says: the exercise it asks about and where to answer. */
export interface SurveyMessageSource {
  exerciseId: string;
  name: string;
}

const WORDS: Record<string, { title: string; body: string }> = {
  en: {
    title: 'Feedback survey',
    body: 'The exercise has ended. Please tell us how it went: a few questions for your role, answered by name or anonymously.',
  },
  ru: {
    title: 'Опрос участников',
    body: 'Учение завершено. Расскажите, как оно прошло: несколько вопросов для вашей роли, можно ответить анонимно.',
  },
  kk: {
    title: 'Қатысушылар сауалнамасы',
    body: 'Оқу-жаттығу аяқталды. Қалай өткенін айтыңыз: рөліңізге арналған бірнеше сұрақ, жасырын жауап беруге болады.',
  },
};
const wordsIn = (language: string) => WORDS[language] ?? WORDS.en!;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const BATCH = 1000;

/** Where a participant answers: the console page of the exercise's survey. */
export const surveyUrl = (ctx: AppContext, exerciseId: string) =>
  `${ctx.config.publicUrl.replace(/\/$/, '')}/console/survey/${exerciseId}`;

/**
 * The hot-wash survey sent at ENDEX (source id: the exercise). It reaches every person of the
 * exercise, whatever their role: their account's in-app inbox when they have one, and each contact
 * of the exercise's phone book. The dispatcher marks it as exercise traffic and holds it under NO
 * PLAY, as for every source; the questions themselves are answered in the console.
 */
export const surveySource: OutboxSource<SurveyMessageSource> = {
  kind: 'survey',

  async load(ctx, exerciseId) {
    const row = await ctx.db.kysely
      .selectFrom('surveys as s')
      .innerJoin('exercises as e', 'e.id', 's.exercise_id')
      .select(['e.id', 'e.name'])
      .where('s.exercise_id', '=', exerciseId)
      .where('s.sent_at', 'is not', null)
      .executeTakeFirst();
    return row ? { exerciseId: row.id, name: row.name } : undefined;
  },

  async render(ctx, source, target): Promise<ChannelMessage> {
    const words = wordsIn(target.language);
    const head = `${words.title}: ${source.name}`;
    const url = surveyUrl(ctx, source.exerciseId);
    switch (target.kind) {
      case 'email':
        return {
          kind: 'email',
          subject: head,
          text: `${head}\n\n${words.body}\n\n${url}`,
          html: `<html><body><h1>${escapeHtml(head)}</h1><p>${escapeHtml(words.body)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p></body></html>`,
        };
      case 'sms':
        return { kind: 'sms', text: `${head}\n${url}` };
      case 'inapp':
        return { kind: 'inapp', title: head, body: words.body };
      case 'webpush':
        return { kind: 'webpush', title: head, body: words.body, url };
      case 'webhook':
        return { kind: 'webhook', body: { type: 'survey', exerciseId: source.exerciseId, url } };
      case 'manual':
        return { kind: 'manual', script: `${head}\n${words.body}\n${url}` };
      default:
        throw notSentOver('survey', target.kind);
    }
  },

  async *audience(ctx, fanout) {
    const exerciseId = fanout.source_id;
    let after = '';
    for (;;) {
      const rows = await ctx.db.kysely
        .selectFrom('exercise_people as p')
        .innerJoin('users as u', 'u.id', 'p.user_id')
        .select(['p.id', 'p.user_id', 'u.locale'])
        .where('p.exercise_id', '=', exerciseId)
        .where('u.disabled', '=', 0)
        .where('p.id', '>', after)
        .orderBy('p.id')
        .limit(BATCH)
        .execute();
      if (!rows.length) break;
      yield rows.map<AudienceMember>((r) => ({
        recipientKind: 'participant',
        recipientId: r.id,
        channel: 'inapp',
        address: r.user_id!,
        language: r.locale,
      }));
      after = rows[rows.length - 1]!.id;
    }
    after = '';
    for (;;) {
      const rows = await ctx.db.kysely
        .selectFrom('exercise_contacts as c')
        .innerJoin('exercise_people as p', 'p.id', 'c.person_id')
        .select(['c.id', 'c.channel', 'c.address', 'c.language'])
        .where('c.exercise_id', '=', exerciseId)
        .where('p.exercise_id', '=', exerciseId)
        .where('c.id', '>', after)
        .orderBy('c.id')
        .limit(BATCH)
        .execute();
      if (!rows.length) return;
      yield rows.map<AudienceMember>((r) => ({
        recipientKind: 'participant',
        recipientId: r.id,
        channel: r.channel,
        address: r.address,
        language: r.language,
      }));
      after = rows[rows.length - 1]!.id;
    }
  },
};
